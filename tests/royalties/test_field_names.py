"""Every field the admin can show has a translated name (the Vietnamese admin showed "DRAFT", "proposed by")."""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise

# Internal columns never shown to people (search indexes, locks, keys).
INTERNAL = {"version", "search_text", "number_key", "slot", "recipient_key", "guid", "data"}


@pytest.mark.parametrize("app", ["feedback", "legaldocs", "publicinfo", "sharing", "royalties"])
def test_every_shown_field_has_a_translated_name(app):
    untranslated = []
    for model in apps.get_app_config(app).get_models():
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.auto_created or field.name in INTERNAL:
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslated.append(f"{model.__name__}.{field.name}")
    assert untranslated == []


def test_the_draft_comment_admin_column_is_vietnamese():
    from feedback.models import DraftComment

    with translation.override("vi"):
        assert str(DraftComment._meta.get_field("draft").verbose_name) == "dự thảo"
