from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(models.Model):
    """Which server-side sessions belong to whom, so that deactivating an account
    (or "log out everywhere") can end them all at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("user"))
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("logged in at"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
