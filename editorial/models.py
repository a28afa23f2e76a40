"""History and working data of the editorial workflow.

The item itself (articles.Item) holds the current state; these tables hold what
happened to it (Transition, append-only), its text at each step (Revision), who
may verify and approve in the head's place (Delegation, Long An Điều 8.3.b) and
files kept while a form with errors is corrected (PendingUpload).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Item
from core.uploads import upload_to
from core.workflow import TransitionRecord


class RejectionReason(models.TextChoices):
    """Grounds for refusing to publish (Bình Phước Điều 12.3)."""

    AGAINST_POLICY = "a", _("(a) Contrary to the policy of the Party and the State or to the law")
    STATE_SECRET = "b", _("(b) A state secret or not yet cleared for publication")
    UNTRUE = "c", _("(c) Untrue")
    LOW_QUALITY = "d", _("(d) Not of sufficient quality")
    BARRED = "dd", _("(đ) Otherwise barred by law")


class Transition(TransitionRecord):
    """One move of an item through the workflow: who, when, from, to, why."""

    item = models.ForeignKey(
        "articles.Item", on_delete=models.CASCADE, related_name="transitions", verbose_name=_("item")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow history")
        indexes = [models.Index(fields=["item", "created_at"])]
        permissions = [
            ("submit_item", _("Submit items to the editorial board")),
            ("receive_item", _("Receive, classify and assign items")),
            ("edit_item", _("Edit assigned items (step 1)")),
            ("verify_item", _("Verify items (step 2)")),
            ("approve_item", _("Give the final approval (step 3)")),
            ("publish_item", _("Publish and schedule items")),
            ("delegate_steps", _("Delegate verification and final approval")),
        ]

    def __str__(self):
        return f"{self.item_id}: {self.from_state} → {self.to_state}"

    @property
    def audit_action(self):
        """Dotted name of the move for the audit log, e.g. editorial.verify.approve (from the table)."""
        from .workflow import audit_name

        return audit_name(self.from_state, self.action)


class Revision(models.Model):
    """The item's text at one point: as submitted, after each edit, as published."""

    class Stage(models.TextChoices):
        SUBMITTED = "submitted", _("As submitted")
        EDITED = "edited", _("Edited")
        PUBLISHED = "published", _("As published")

    item = models.ForeignKey(
        "articles.Item", on_delete=models.CASCADE, related_name="revisions", verbose_name=_("item")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.item_id} {self.get_stage_display()} {self.created_at:%d/%m/%Y %H:%M}"


class Delegation(models.Model):
    """The head's authorisation for a deputy (or member) to verify and approve (Long An Điều 8.3.b)."""

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editorial_delegations",
        verbose_name=_("authorised person"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["delegate"],
                condition=models.Q(revoked_at__isnull=True),
                name="editorial_one_active_delegation",
            )
        ]

    def __str__(self):
        return str(self.delegate)


class PendingUpload(models.Model):
    """A validated file kept while the rest of its form is corrected, so nobody uploads twice."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        ATTACHMENT = "attachment", _("Attachment")
        WORD = "word", _("Word file")

    token = models.CharField(max_length=64, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind)
    file = models.FileField(upload_to=upload_to("pending"))
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("file awaiting its form")
        verbose_name_plural = _("files awaiting their forms")

    def __str__(self):
        return self.original_name


class WorkflowItem(Item):
    """Items as the board sees them in the admin, with workflow actions (through the same service)."""

    class Meta:
        proxy = True
        verbose_name = _("item in the workflow")
        verbose_name_plural = _("items in the workflow")
