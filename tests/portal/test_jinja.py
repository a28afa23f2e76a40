"""The Jinja2 pages' template helpers (portal/jinja.py, articles_tags): the same text and
escaping as Django templates give, in the page's language."""

import pytest
from django.template import engines
from django.utils import translation

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

