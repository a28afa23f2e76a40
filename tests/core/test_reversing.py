"""core.reversing.reverse_slug gives what reverse() gives, in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.reversing import is_slug, reverse_slug


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["articles:item", "articles:category"])
def test_reverse_slug_matches_reverse(name, language):
    with translation.override(language):
        for slug in ("tin-moi", "hoi-nghi-2026-so-1", "a"):
            assert reverse_slug(name, slug) == reverse(name, kwargs={"slug": slug})


@pytest.mark.parametrize("name", ["articles:item", "articles:category"])
def test_reverse_slug_in_another_language_without_switching(name):
    """The language switch's link: the page in the other language, the active one unchanged."""
    with translation.override("vi"):
        assert reverse_slug(name, "tin-moi", "en") == translation.override("en")(reverse)(name, kwargs={"slug": "tin-moi"})
        assert reverse_slug(name, "tin-moi", "en").startswith("/en/")
        assert translation.get_language() == "vi"
    with translation.override("en"):
        assert not reverse_slug(name, "tin-moi", "vi").startswith("/en/")


def test_is_slug():
    assert is_slug("hoi-nghi-2026_so-1")
    assert not is_slug("hội-nghị") and not is_slug("a/b") and not is_slug("") and not is_slug(None)
