from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegaldocsConfig(AppConfig):
    name = "legaldocs"
    verbose_name = _("Legal documents")
