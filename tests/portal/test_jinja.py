"""The Jinja2 pages' template helpers (portal/jinja.py, articles_tags): the same text and
escaping as Django templates give, in the page's language."""

import pytest
from django.template import engines
from django.utils import translation
from jinja2 import pass_context, pass_environment, pass_eval_context

from articles.models import ItemImage
from tests.articles.factories import published
from tests.factories import image_upload


def _render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_template_texts_follow_the_language_of_each_page():
    source = '{{ _("Share") }}|{{ _("Photos") }}'
    with translation.override("vi"):
        vietnamese = _render(source)
    with translation.override("en"):
        english = _render(source)
    with translation.override("vi"):
        again = _render(source)
    assert english == "Share|Photos"
    assert vietnamese == again and vietnamese != english and "Share" not in vietnamese


def test_template_texts_escape_their_values_not_themselves():
    with translation.override("en"):
        html = _render('{{ _("Page %(number)s", number=value) }}', value="<b>2</b>")
    assert html == "Page &lt;b&gt;2&lt;/b&gt;"


@pytest.mark.django_db
def test_an_articles_pictures_escape_what_the_editor_typed(client):
    item = published("Tin có ảnh", cover_image=image_upload("bia.jpg", size=(64, 48)), cover_alt='Lễ "ký" <kết> & trao')
    ItemImage.objects.create(item=item, image=image_upload("a.jpg", size=(40, 30)), caption="x", alt="Ảnh <1> & 'hai'")
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'alt="Lễ &quot;ký&quot; &lt;kết&gt; &amp; trao"' in html
    assert 'alt="Ảnh &lt;1&gt; &amp; &#x27;hai&#x27;"' in html
    assert "<kết>" not in html and "<1>" not in html



class _Greeter:
    """A callable object whose __call__ asks for the context: Jinja2's own path."""

    @pass_context
    def __call__(self, context, name):
        return f"{context.get('greeting')} {name}"


def _stops():
    raise StopIteration


@pass_context
def _seen(context, name):
    return context.get(name, "-")


@pass_environment
def _environment_name(environment):
    return type(environment).__name__


@pass_eval_context
def _autoescaping(eval_context):
    return str(eval_context.autoescape)


TEMPLATE = (
    "{{ plain(1, b=2) }}|{{ seen('greeting') }}|{% for x in 'ab' %}{% set y = x %}{{ seen('y') }}{% endfor %}|"
    "{% set outer = 'o' %}{{ seen('outer') }}|{{ environment_name() }}|{{ autoescaping() }}|"
    "{{ greeter('Lan') }}|{{ stops() is undefined }}|{{ builtin_len('abc') }}|{{ method('x') }}|"
    "{% block b %}{% set z = 'in block' %}{{ seen('z') }}{% endblock %}"
)


def test_the_portals_context_calls_functions_exactly_as_jinja2_does():
    """PortalContext.call's shortcut for plain functions (portal/jinja.py): the same page as
    Jinja2's own Context gives, for every kind of callable and what each asks to be passed."""
    from jinja2.runtime import Context

    from portal.jinja import PortalContext

    environment = engines["jinja2"].env
    assert environment.context_class is PortalContext
    context = {
        "plain": lambda a, b: f"{a}+{b}", "seen": _seen, "greeter": _Greeter(), "stops": _stops,
        "environment_name": _environment_name, "autoescaping": _autoescaping, "builtin_len": len,
        "method": "<{}>".format, "greeting": "Chào",
    }
    template = environment.from_string(TEMPLATE)
    ours = template.render(context)
    environment.context_class = Context
    try:
        jinjas = environment.from_string(TEMPLATE).render(context)
    finally:
        environment.context_class = PortalContext
    assert ours == jinjas
    # The loop's and the block's own variables reach a function that asks for the context.
    assert ours == "1+2|Chào|ab|o|Environment|True|Chào Lan|True|3|&lt;x&gt;|in block"
