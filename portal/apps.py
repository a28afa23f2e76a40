from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib import admin

        admin.site.site_header = _("Department of Justice portal – administration")
        admin.site.site_title = _("Portal administration")
        admin.site.index_title = _("Administration")
