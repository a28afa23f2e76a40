from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegaldocsConfig(AppConfig):
    name = "legaldocs"
    verbose_name = _("Legal documents")

    def ready(self):
        from articles.cache import refresh_public_pages_on_change

        from .models import DocumentFile, DocumentType, IssuingBody, LegalDocument, LegalField

        refresh_public_pages_on_change(LegalDocument, shown=lambda v: v["is_published"])
        for model in (DocumentFile, DocumentType, IssuingBody, LegalField):
            refresh_public_pages_on_change(model)
