from django.db import models
from django.utils.translation import gettext_lazy as _

from publicinfo.models import web_url_validator


class ComponentSite(models.Model):
    """A component site (district office, unit) whose legal-dissemination column is aggregated (Trà Vinh)."""

    name = models.CharField(_("name"), max_length=200)
    feed_url = models.URLField(_("RSS or Atom feed"), unique=True, validators=[web_url_validator])
    active = models.BooleanField(_("active"), default=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last problem"), max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("component site")
        verbose_name_plural = _("component sites")

    def __str__(self):
        return self.name


class ComponentItem(models.Model):
    """An item read from a component site's feed: plain text only, and a link to the source."""

    site = models.ForeignKey(
        ComponentSite, on_delete=models.CASCADE, related_name="items", verbose_name=_("source")
    )
    guid = models.CharField(max_length=500)
    title = models.CharField(_("title"), max_length=300)
    link = models.URLField(_("link"), max_length=1000, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    fetched_at = models.DateTimeField(_("fetched"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("item from a component site")
        verbose_name_plural = _("items from component sites")
        constraints = [models.UniqueConstraint(fields=["site", "guid"], name="component_item_unique")]

    def __str__(self):
        return self.title
