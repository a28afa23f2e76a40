"""Jinja2 for the pages a reader most often gets rendered: the article and the section listing.

Why two template engines: at 1,000,000 items most article views miss every cache (a reader
from a search engine lands on an old article), so an article page is rendered far more often
than any other. Django's template language spent ~2 ms of CPU on it, a third of the
request (docs/performance.md); the same page in Jinja2 takes a fraction of that.
Every other page stays in Django templates.

Nothing of the layout is written twice: the header, menu and footer stay in `base.html`
as `{% public_fragment %}` blocks, and the Jinja2 layout (`base.jinja`) shows the same
fragments with `fragment(name)`: the same cached HTML, rendered on a miss by the very
nodes of `base.html` (articles.templatetags.articles_tags.fragment_node). Only the page's
skeleton (head, blocks, the reader's own links) is written in both languages.

Translations: `{{ _("…") }}` takes its text from the same catalogue as `{% translate %}`;
`tests/test_translations.py` checks that every text of a .jinja template is translated
there (`makemessages` does not read Jinja2 templates).
"""

from types import FunctionType

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.backends.jinja2 import Jinja2
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.template.defaultfilters import filesizeformat, urlencode
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext, npgettext, pgettext
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from jinja2.utils import _PassArg
from markupsafe import Markup, escape

from articles.templatetags import articles_tags


def _local(value):
    """What Django templates do before a filter marked expects_localtime."""
    return timezone.template_localtime(value)


def _fragment(context, name, of="base.html"):
    """The cached public fragment `name` of the Django template `of` (see the module docstring)."""
    return articles_tags.fragment_render(context, name, of)


def _breadcrumbs(context, trail, current=None):
    """articles/breadcrumbs.html for the Jinja2 pages: the home page's link (that template's
    fragment), then the trail of sections and the current page, escaped as `{{ }}` would.
    A function, not a Jinja2 macro: calling a macro builds a context of its own, 3 % of an
    article page's CPU (docs/performance.md)."""
    links = "".join(f'<li><a href="{escape(node.get_absolute_url())}">{escape(node.label)}</a></li>' for node in trail)
    last = f'<li aria-current="page">{escape(current)}</li>' if current else ""
    home = _fragment(context, "breadcrumbs-home", "articles/breadcrumbs.html")
    return Markup(f"{home}{links}\n{last}\n</ol></nav>")  # noqa: S704 - every part escaped above


def _django_include(template_name, **context):
    """A Django template rendered with `context` (its own, not the page's), e.g. the pagination."""
    from django.template.loader import render_to_string

    return render_to_string(template_name, context)


_translations = {}


def _gettext(message):
    """gettext for templates' `_("…")`, remembered per language: a template's texts are a
    fixed set, and a page calls it some twenty times (3 % of an article page's CPU)."""
    key = (get_language(), message)
    text = _translations.get(key)
    if text is None:
        if len(_translations) > 10_000:  # texts built at run time: do not grow without end
            _translations.clear()
        text = _translations[key] = gettext(message)
    return text


_marked = {}


@pass_context
def _gettext_markup(context, message, **variables):
    """`_("…")` in a template: the translation marked safe, as Jinja2's newstyle gettext gives
    it, remembered per language when it takes no variables. Jinja2's own wrapper formatted
    and re-escaped the text on every call (8 % of an article page's template time). The
    page's language is the context's (Django's i18n context processor), where there is one."""
    if variables:
        return Markup(_gettext(message)) % variables
    key = (context.get("LANGUAGE_CODE") or get_language(), message)
    text = _marked.get(key)
    if text is None:
        if len(_marked) > 10_000:
            _marked.clear()
        text = _marked[key] = Markup(_gettext(message)) % {}
    return text


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


class PortalContext(Context):
    """Jinja2's template context, with a shorter way to call a plain function.

    Every `{{ f(...) }}` in a template goes through `Context.call`, which asks the callable
    twice whether it (or its `__call__`) wants the context: four attribute probes per call,
    and a page makes some sixty calls (a twentieth of an uncached article's CPU,
    docs/performance.md). A plain Python function's `__call__` never carries Jinja2's mark,
    so one probe of the function itself decides; everything else (classes, bound methods,
    builtins, objects with `__call__`) goes through Jinja2's own `call`. The rest is
    Jinja2's: the context (derived with the loop's or block's variables), the evaluation
    context or the environment passed first, and a StopIteration turned into undefined.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja2's own signature
        if type(__obj) is not FunctionType:
            return super().call(__obj, *args, **kwargs)
        pass_arg = getattr(__obj, "jinja_pass_arg", None)
        if kwargs:
            loop_vars = kwargs.pop("_loop_vars", None)
            block_vars = kwargs.pop("_block_vars", None)
        else:
            loop_vars = block_vars = None
        if pass_arg is _PassArg.context:
            if loop_vars:
                __self = __self.derived(loop_vars)
            if block_vars:
                __self = __self.derived(block_vars)
            args = (__self, *args)
        elif pass_arg is _PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif pass_arg is _PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.context_class = PortalContext
    env.install_gettext_callables(_gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext)
    if env.autoescape:  # Django's backend turns it on; without it a Markup would be wrong
        env.globals["_"] = _gettext_markup
    env.globals.update(
        static=static,
        url=url,
        fragment=pass_context(_fragment),
        breadcrumbs=pass_context(_breadcrumbs),
        item_rows=pass_context(articles_tags.item_rows),
        visits_widget=pass_context(articles_tags.visits_widget),
        django_include=_django_include,
        absolute_url=pass_context(articles_tags.absolute_url),
        other_language_url=pass_context(articles_tags.other_language_url),
        language_switch=pass_context(articles_tags.language_switch),
        picture=articles_tags.picture,
        json_ld=articles_tags.json_ld,
    )
    env.filters.update(
        # As Django's: "/" kept unless told (item_url|urlencode("") for a URL inside a query string).
        urlencode=lambda value, safe=None: urlencode(value, safe),
        filesizeformat=filesizeformat,
        machine_datetime=lambda value: articles_tags.machine_datetime(_local(value)),
        day_month_year=lambda value, with_time=False: articles_tags.day_month_year(_local(value), with_time),
        site_name=articles_tags.site_name,
        intcomma=intcomma,
    )
    return env


class PortalJinja2(Jinja2):
    """Django's Jinja2 backend; its templates also tell the test client what they rendered,
    as Django templates do (response.context, assertTemplateUsed)."""

    def get_template(self, template_name):
        template = super().get_template(template_name)
        return SignallingTemplate(template.template, self)


class SignallingTemplate(JinjaTemplate):
    def render(self, context=None, request=None):
        html = super().render(context, request)
        if template_rendered.receivers:  # only while tests listen
            template_rendered.send(sender=self, template=self, context=context)
        return html

    @property
    def name(self):
        return self.template.name
