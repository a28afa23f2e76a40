from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """Proof that a task travelled broker → worker → database: one row per key.

    `operations.tasks.heartbeat` creates the row once however often it is
    delivered (idempotent) and counts deliveries, which is what the health
    check and the fault tests look at.
    """

    key = models.CharField(_("key"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    deliveries = models.PositiveIntegerField(_("deliveries"), default=0)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.key


class Backup(models.Model):
    """A backup set written to BACKUP_DIR (kept for the administrator's overview)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    engine = models.CharField(_("database"), max_length=20)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("backup")
        verbose_name_plural = _("backups")

    def __str__(self):
        return self.name
