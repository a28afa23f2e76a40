"""Royalties (nhuận bút) and remuneration (thù lao) for the portal.

Rates follow Thông tư 194/2012/TT-BTC and the province's decision (Bình Phước
Điều 8.2; Long An Điều 11): a coefficient range per kind of work times the value
of one coefficient unit, each valid over a period. The head of board decides
(Long An Điều 8.3.a); the office pays (Hà Tĩnh 1148 point 2). Amounts are whole
đồng (integers); coefficients are Decimals.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.templatetags.vi_format import vi_person
from organisation.roles import Role


class WorkKind(models.TextChoices):
    """Kinds of work a coefficient range is set for (Thông tư 194/2012/TT-BTC, Điều 3)."""

    TIN = "tin", _("News item")
    BAI = "bai", _("Article")
    RESEARCH = "research", _("In-depth research article")
    PHOTO = "photo", _("Photo")
    TRANSLATION = "translation", _("Translated item")
    REPOST = "repost", _("Reposted or collected item")
    REMUNERATION = "remuneration", _("Remuneration of the board and secretariat")


RATED_KINDS = [kind for kind in WorkKind if kind != WorkKind.REMUNERATION]


class ValidityPeriod(models.Model):
    """A rate valid from one day to another (inclusive, open-ended when `valid_to` is empty)."""

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("legal basis or note"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def overlap_filter(self):
        """Rows of the same kind whose period overlaps this one (subclasses add the kind)."""
        query = Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)
        if self.valid_to:
            query &= Q(valid_from__lte=self.valid_to)
        return query

    def clean(self):
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity is before its start.")})
        same = (
            type(self)._default_manager.filter(self.overlap_filter(), **self.same_kind()).exclude(pk=self.pk)
        )
        if self.valid_from and same.exists():
            raise ValidationError(_("Another rate of the same kind is valid during part of this period."))

    def same_kind(self):
        return {}


class CoefficientRate(ValidityPeriod):
    """The coefficient range (khung hệ số) allowed for one kind of work."""

    kind = models.CharField(
        _("kind of work"), max_length=20, choices=[(k.value, k.label) for k in RATED_KINDS]
    )
    coefficient_min = models.DecimalField(_("lowest coefficient"), max_digits=5, decimal_places=2)
    coefficient_max = models.DecimalField(_("highest coefficient"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("coefficient range")
        verbose_name_plural = _("coefficient ranges")
        constraints = [
            models.CheckConstraint(
                condition=Q(coefficient_min__gt=0) & Q(coefficient_max__gte=models.F("coefficient_min")),
                name="royalties_coefficient_range_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.coefficient_min}–{self.coefficient_max}"

    def same_kind(self):
        return {"kind": self.kind}

    def clean(self):
        if (
            self.coefficient_min is not None
            and self.coefficient_max is not None
            and not 0 < self.coefficient_min <= self.coefficient_max
        ):
            raise ValidationError(_("The range must be positive and its lowest value not above its highest."))
        super().clean()


class CoefficientUnitValue(ValidityPeriod):
    """The value in đồng of one coefficient unit (giá trị một đơn vị hệ số)."""

    amount = models.PositiveIntegerField(_("value of one coefficient unit (đồng)"))

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("coefficient unit value")
        verbose_name_plural = _("coefficient unit values")

    def __str__(self):
        return f"{self.amount} đ ({self.valid_from:%d/%m/%Y})"


class RemunerationBasis(models.TextChoices):
    PER_ITEM = "item", _("Per published item")
    PER_MONTH = "month", _("Per month")


class RemunerationRate(ValidityPeriod):
    """Remuneration of the board and secretariat (Long An Điều 7; Bình Phước Điều 8.2.c)."""

    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[
            (r.value, r.label) for r in (Role.SECRETARY, Role.BOARD_MEMBER, Role.DEPUTY_HEAD, Role.HEAD)
        ],
    )
    basis = models.CharField(_("paid"), max_length=10, choices=RemunerationBasis)
    amount = models.PositiveIntegerField(_("amount (đồng)"))

    class Meta:
        ordering = ["role", "basis", "-valid_from"]
        verbose_name = _("remuneration rate")
        verbose_name_plural = _("remuneration rates")

    def __str__(self):
        return f"{self.get_role_display()} – {self.get_basis_display()}: {self.amount} đ"

    def same_kind(self):
        return {"role": self.role, "basis": self.basis}


class AuthorShare(models.Model):
    """One co-author's share of an item's royalty; without rows the item's author has 100 %."""

    item = models.ForeignKey(
        "articles.Item", on_delete=models.CASCADE, related_name="author_shares", verbose_name=_("item")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author (account)"),
    )
    name = models.CharField(_("author's name"), max_length=150, blank=True)
    percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-percent", "pk"]
        verbose_name = _("author's share")
        verbose_name_plural = _("authors' shares")

    def __str__(self):
        return f"{vi_person(self.user) if self.user else self.name}: {self.percent} %"


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a proposal")
    PROPOSED = "proposed", _("Proposed, awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")
    PAID = "paid", _("Paid")


class RoyaltyRecord(models.Model):
    """What one person is owed for one work (or one month of board work).

    `recipient_key` ("user:12" or "name:<folded name>") and `slot` ("text",
    "image:34", "role:secretary", "month") identify the work, so creating the
    records twice finds the same rows. An adjusting record (`adjusts`) corrects
    a paid one and is never unique.
    """

    item = models.ForeignKey(
        "articles.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="royalty_records",
        verbose_name=_("item"),
    )
    period = models.DateField(_("month"), help_text=_("First day of the month the record belongs to."))
    work_date = models.DateField(_("publication date"), null=True, blank=True)
    kind = models.CharField(_("kind of work"), max_length=20, choices=WorkKind)
    slot = models.CharField(max_length=40, default="text", editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="royalty_records",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("name"), max_length=150)
    recipient_key = models.CharField(max_length=170, editable=False)
    role = models.CharField(_("role"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2, default=100)
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2, null=True, blank=True)
    unit_value = models.PositiveIntegerField(_("value of one coefficient unit"), null=True, blank=True)
    amount = models.BigIntegerField(_("amount (đồng)"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=RecordStatus, default=RecordStatus.PENDING, db_index=True
    )
    proposal_note = models.TextField(_("editor's note"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    adjusts = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustments",
        verbose_name=_("adjusts record"),
    )
    reason = models.TextField(_("reason for the adjustment"), blank=True)
    statement = models.ForeignKey(
        "Statement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("statement"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["period", "recipient_name", "pk"]
        verbose_name = _("royalty record")
        verbose_name_plural = _("royalty records")
        permissions = [
            ("propose_royaltyrecord", _("Can propose royalty coefficients")),
            ("approve_royaltyrecord", _("Can approve royalties")),
            ("view_royalty_totals", _("Can see royalty totals per unit")),
        ]
        constraints = [
            # One record per work and person: publishing again finds it (idempotent).
            models.UniqueConstraint(
                fields=["item", "recipient_key", "kind", "slot"],
                condition=Q(adjusts__isnull=True, item__isnull=False),
                name="royalties_one_record_per_work",
            ),
            models.UniqueConstraint(
                fields=["period", "recipient_key", "kind", "slot"],
                condition=Q(adjusts__isnull=True, item__isnull=True),
                name="royalties_one_record_per_month",
            ),
        ]
        indexes = [models.Index(fields=["period", "status", "unit"], name="royalty_period_status")]

    def __str__(self):
        return f"{self.recipient_name} – {self.get_kind_display()} – {self.amount} đ"

    def get_absolute_url(self):
        return reverse("royalties:record", kwargs={"pk": self.pk})

    @property
    def is_paid(self):
        return self.status == RecordStatus.PAID

    @property
    def role_label(self):
        return Role(self.role).label if self.role in Role.values else self.role

    @property
    def title(self):
        if self.item_id:
            return self.item.title
        return _("Remuneration, month %(month)s") % {"month": f"{self.period:%m/%Y}"}


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared, not paid")
    PAID = "paid", _("Paid")


class Statement(models.Model):
    """The monthly statement (bảng kê chi nhuận bút, thù lao) the office pays from."""

    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus, default=StatementStatus.DRAFT
    )
    generated_at = models.DateTimeField(_("prepared"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid by"),
    )
    total_paid = models.BigIntegerField(_("total paid (đồng)"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        permissions = [
            ("prepare_statement", _("Can prepare royalty statements")),
            ("pay_statement", _("Can mark royalty statements paid")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="royalties_one_statement_per_month"),
        ]

    def __str__(self):
        return f"{self.month:02d}/{self.year}"

    def get_absolute_url(self):
        return reverse("royalties:statement", kwargs={"year": self.year, "month": self.month})

    @property
    def is_paid(self):
        return self.status == StatementStatus.PAID


class AppendOnlyError(Exception):
    pass


EVENT_LABELS = {
    "royalties.record.create": pgettext_lazy("royalties event", "Record created"),
    "royalties.record.update": pgettext_lazy("royalties event", "Record updated"),
    "royalties.record.cancel": pgettext_lazy("royalties event", "Record cancelled"),
    "royalties.record.propose": pgettext_lazy("royalties event", "Coefficient proposed"),
    "royalties.record.approve": pgettext_lazy("royalties event", "Approved"),
    "royalties.record.change": pgettext_lazy("royalties event", "Approved with another coefficient"),
    "royalties.record.refuse": pgettext_lazy("royalties event", "Refused"),
    "royalties.record.adjust": pgettext_lazy("royalties event", "Adjustment proposed"),
    "royalties.shares.set": pgettext_lazy("royalties event", "Co-authors' shares set"),
    "royalties.statement.generate": pgettext_lazy("royalties event", "Put on a statement"),
    "royalties.statement.regenerate": pgettext_lazy("royalties event", "Statement prepared again"),
    "royalties.statement.pay": pgettext_lazy("royalties event", "Paid"),
}


class RoyaltyEvent(models.Model):
    """Append-only history of every change: proposal, decision, payment, adjustment."""

    record = models.ForeignKey(
        RoyaltyRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("record"),
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("statement"),
    )
    action = models.CharField(_("action"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("royalty history entry")
        verbose_name_plural = _("royalty history")

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        # The history is evidence for payments: rows are written once, never changed.
        if self.pk:
            raise AppendOnlyError("Royalty history entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Royalty history entries cannot be deleted.")

    @property
    def action_label(self):
        """The action in words for people; the dotted code stays in the table for audits and filters."""
        return EVENT_LABELS.get(self.action, self.action)
