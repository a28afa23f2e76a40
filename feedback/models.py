"""Citizens' questions, feedback and petitions, and comments on draft documents.

A `Question` is one submission through a public form: a legal question
(Hỏi – Đáp) or feedback/petition on administrative regulations (phản ánh,
kiến nghị). Its life is the table in feedback/workflow.py; every move is a
`QuestionTransition` row (Bình Phước Điều 11). Contact details are personal
data: never public, erased after the retention period.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import upload_to
from core.workflow import TransitionRecord


class Field(models.Model):
    """A field of law a question belongs to (hộ tịch, chứng thực…), edited by an administrator."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field of law")
        verbose_name_plural = _("fields of law")

    def __str__(self):
        return self.name


class QuestionKind(models.TextChoices):
    QUESTION = "question", _("Legal question")
    PETITION = "petition", _("Feedback or petition")


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ESCALATED = "escalated", _("With the department's leadership")
    FORWARDED = "forwarded", _("Forwarded to a unit")
    DRAFTED = "drafted", _("Answer awaiting approval")
    ANSWERED = "answered", _("Answered")
    MERGED = "merged", _("Merged into another question")
    DECLINED = "declined", _("Not accepted")


OPEN_STATUSES = (
    QuestionStatus.RECEIVED, QuestionStatus.ESCALATED, QuestionStatus.FORWARDED, QuestionStatus.DRAFTED,
)
CLOSED_STATUSES = (QuestionStatus.ANSWERED, QuestionStatus.MERGED, QuestionStatus.DECLINED)


class Question(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind, default=QuestionKind.QUESTION)
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus, default=QuestionStatus.RECEIVED, db_index=True
    )
    version = models.PositiveIntegerField(default=0)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="questions", verbose_name=_("field")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("question"))
    attachment = models.FileField(_("attachment"), upload_to=upload_to("feedback/questions"), blank=True)
    attachment_name = models.CharField(_("attachment's name"), max_length=200, blank=True)
    # The sender's personal data (never shown publicly; erased after retention).
    full_name = models.CharField(_("full name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # Handling.
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("answer due"), db_index=True)
    needs_consultation = models.BooleanField(
        _("needs consultation with the Ministry or other bodies"), default=False
    )
    consultation_reason = models.TextField(_("reason for consultation"), blank=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="questions", verbose_name=_("responsible unit"),
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    answer = models.TextField(_("answer"), blank=True)
    answer_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("answer drafted by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("answer approved by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    is_public = models.BooleanField(_("published in Q&A"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(_("flagged overdue"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["kind", "is_public", "published_at"])]
        verbose_name = _("question or petition")
        verbose_name_plural = _("questions and petitions")

    def __str__(self):
        return f"{self.tracking_code} – {self.title}"

    def get_absolute_url(self):
        name = "feedback:question_detail" if self.kind == QuestionKind.QUESTION else "feedback:petition_detail"
        return reverse(name, args=[self.pk])

    def get_staff_url(self):
        return reverse("feedback:staff_question", args=[self.pk])

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_late(self, now=None):
        """Answered after the deadline, or still open past it."""
        if self.answered_at:
            return self.answered_at > self.due_at
        return self.is_open and (now or timezone.now()) > self.due_at


class QuestionTransition(TransitionRecord):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="history", verbose_name=_("question")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )

    class Meta(TransitionRecord.Meta):
        verbose_name = _("question history entry")
        verbose_name_plural = _("question history")


class Draft(models.Model):
    """A draft document posted for public comment (góp ý dự thảo), with its comment period."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    body = models.TextField(_("full text"), blank=True)
    drafting_unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="drafts", verbose_name=_("drafting unit")
    )
    opens_at = models.DateTimeField(_("comments open"))
    closes_at = models.DateTimeField(_("comments close"))
    is_published = models.BooleanField(pgettext_lazy("flag", "published"), default=True)
    comments_summary = models.TextField(
        _("summary of how comments were taken in"), blank=True,
        help_text=_("Written by the drafting unit after the comment period; shown on the public page."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("posted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("draft for comment")
        verbose_name_plural = _("drafts for comment")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("feedback:draft_detail", args=[self.slug])

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None):
        return (now or timezone.now()) >= self.closes_at


class DraftFile(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files", verbose_name=_("draft"))
    file = models.FileField(_("file"), upload_to=upload_to("feedback/drafts"))
    original_name = models.CharField(_("file name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("draft file")
        verbose_name_plural = _("draft files")

    def __str__(self):
        return self.original_name


class DraftComment(models.Model):
    """A citizen's comment on a draft; shown publicly once the board publishes it."""

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="comments", verbose_name=_("draft")
    )
    full_name = models.CharField(_("full name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    body = models.TextField(_("comment"))
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    is_published = models.BooleanField(pgettext_lazy("flag", "published"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")

    def __str__(self):
        return f"{self.draft} – {self.full_name}"
