"""core.reversing.reverse_slug gives what reverse() gives, in every language."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.reversing import reverse_slug


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["articles:item", "articles:category"])
def test_reverse_slug_matches_reverse(name, language):
    with translation.override(language):
        for slug in ("tin-moi", "hoi-nghi-2026-so-1", "a"):
            assert reverse_slug(name, slug) == reverse(name, kwargs={"slug": slug})
