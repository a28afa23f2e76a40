"""Monthly quotas of news items and articles per unit (định mức tin, bài).

Hà Tĩnh 1148/STP-PBGDPL point 1: each unit of the department sends at least
5 `tin` and 2 `bài` a month; point 4: each district justice office 2 and 1.
Bình Phước Điều 9.4 sets 1 to 2 items a month instead; an administrator
changes the rules (with validity dates) to match the province.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Unit

# A monthly minimum above this is a typing error, not a target.
QUOTA_MAX = 500


class CountBasis(models.TextChoices):
    """Which figure decides whether a unit met its quota; both are always shown."""

    SENT = "sent", _("Items sent")
    PUBLISHED = "published", _("Items published")


class QuotaRule(models.Model):
    """A monthly minimum of tin and bài for a kind of unit or for one unit, valid from a date.

    A rule for a unit overrides the rule for its kind. Rules for the same unit
    (or the same kind) may not overlap in time.
    """

    unit_kind = models.CharField(
        _("kind of unit"), max_length=20, choices=Unit.Kind, blank=True,
        help_text=_("Either a kind of unit or one unit."),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="quota_rules",
        verbose_name=_("unit"),
    )
    min_tin = models.PositiveSmallIntegerField(_("minimum news items a month"))
    min_bai = models.PositiveSmallIntegerField(_("minimum articles a month"))
    basis = models.CharField(
        _("counted on"), max_length=20, choices=CountBasis, default=CountBasis.SENT,
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(
        _("legal basis"), max_length=300, blank=True,
        help_text=_("The document that sets this quota, e.g. 1148/STP-PBGDPL point 1."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["unit_kind", "unit__name", "-valid_from"]
        verbose_name = _("quota rule")
        verbose_name_plural = _("quota rules")
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=True) & ~Q(unit_kind="")) | (Q(unit__isnull=False) & Q(unit_kind="")),
                name="quota_rule_kind_xor_unit",
            ),
        ]

    def __str__(self):
        target = self.unit.name if self.unit_id else self.get_unit_kind_display()
        return f"{target}: {self.min_tin} tin, {self.min_bai} bài ({self.valid_from:%d/%m/%Y})"

    def clean(self):
        errors = {}
        if bool(self.unit_id) == bool(self.unit_kind):
            errors["unit_kind"] = _("Choose either a kind of unit or one unit, not both.")
        for field in ("min_tin", "min_bai"):
            value = getattr(self, field)
            if value is not None and not 0 <= value <= QUOTA_MAX:
                errors[field] = _("Enter a number between 0 and %(max)s.") % {"max": QUOTA_MAX}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)
        overlapping = self.overlapping_rules().first()
        if overlapping is not None:
            raise ValidationError(
                _("This period overlaps the rule “%(rule)s”; end that rule before this one starts.")
                % {"rule": overlapping}
            )

    def overlapping_rules(self):
        """Other rules for the same unit or kind whose validity shares a day with this one."""
        same_target = Q(unit_id=self.unit_id) if self.unit_id else Q(unit__isnull=True, unit_kind=self.unit_kind)
        rules = QuotaRule.objects.filter(same_target).exclude(pk=self.pk)
        if self.valid_until:
            rules = rules.filter(valid_from__lte=self.valid_until)
        return rules.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))


class QuotaExemption(models.Model):
    """A unit excused from its quota for one month (leave, reorganisation...), with the reason."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="quota_exemptions",
                             verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("exempted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-month", "unit__name"]
        verbose_name = _("quota exemption")
        verbose_name_plural = _("quota exemptions")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"], name="quota_exemption_once_a_month",
                violation_error_message=_("This unit is already exempted for that month."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.month:02d}/{self.year}"

    def clean(self):
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError({"month": _("Enter a month from 1 to 12.")})
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Enter a valid year.")})
        if MonthSnapshot.objects.filter(year=self.year, month=self.month, is_closed=True).exists():
            raise ValidationError(
                _("%(month)02d/%(year)s is closed; reopen it before changing its exemptions.")
                % {"month": self.month, "year": self.year}
            )


class MonthSnapshot(models.Model):
    """The figures of a closed month, as presented; later edits do not rewrite them.

    A reopened month is read live again until it is closed once more; every
    close and reopen is a `MonthSnapshotEvent`.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    is_closed = models.BooleanField(_("closed"), default=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("closed by"),
    )
    # Bình Phước Điều 18.5: visits and readers' feedback are reported with the month.
    visits = models.PositiveBigIntegerField(_("site visits"), null=True, blank=True)
    feedback_counts = models.JSONField(_("readers' feedback"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("month snapshot")
        verbose_name_plural = _("month snapshots")
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="quota_snapshot_once_a_month")]
        permissions = [("close_month", _("Close and reopen a month's quota figures"))]

    def __str__(self):
        return f"{self.month:02d}/{self.year}"


class MonthSnapshotRow(models.Model):
    """One unit's figures in a closed month, with the target and item ids behind each cell."""

    snapshot = models.ForeignKey(MonthSnapshot, on_delete=models.CASCADE, related_name="rows")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, related_name="+",
                             verbose_name=_("unit"))
    unit_name = models.CharField(_("unit"), max_length=200)
    unit_kind = models.CharField(_("kind of unit"), max_length=20, choices=Unit.Kind)
    order = models.PositiveIntegerField(default=0)
    sent_tin = models.PositiveIntegerField(default=0)
    sent_bai = models.PositiveIntegerField(default=0)
    published_tin = models.PositiveIntegerField(default=0)
    published_bai = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    target_tin = models.PositiveSmallIntegerField(null=True, blank=True)
    target_bai = models.PositiveSmallIntegerField(null=True, blank=True)
    basis = models.CharField(max_length=20, choices=CountBasis, default=CountBasis.SENT)
    exemption_reason = models.CharField(max_length=500, blank=True)
    is_exempt = models.BooleanField(default=False)
    # {"sent_tin": [ids], ...}: the drill-down of a closed month lists what was counted then.
    item_ids = models.JSONField(default=dict)

    class Meta:
        ordering = ["order", "unit_name"]
        verbose_name = _("unit's figures")
        verbose_name_plural = _("units' figures")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "unit"], name="quota_snapshot_row_once_per_unit"),
        ]

    def __str__(self):
        return f"{self.snapshot}: {self.unit_name}"


class MonthSnapshotEvent(models.Model):
    """Append-only history of closing and reopening a month (who, when, why)."""

    class Action(models.TextChoices):
        CLOSE = "close", _("Closed")
        REOPEN = "reopen", _("Reopened")

    snapshot = models.ForeignKey(MonthSnapshot, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("month snapshot event")
        verbose_name_plural = _("month snapshot events")

    def __str__(self):
        return f"{self.snapshot} {self.get_action_display()}"
