from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicinfoConfig(AppConfig):
    name = "publicinfo"
    verbose_name = _("Public information")
