from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import upload_to


class DocumentType(models.Model):
    """Quyết định, Nghị quyết, Chỉ thị, Thông tư, Công văn… (Long An Điều 4)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self):
        return self.name


class IssuingBody(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self):
        return self.name


class LegalField(models.Model):
    """A field of law (lĩnh vực): hộ tịch, công chứng, đất đai…"""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name


class DocumentGroup(models.TextChoices):
    """Legal normative documents and direction documents are separate sections (Long An Điều 4)."""

    NORMATIVE = "quy-pham", _("Legal normative document")
    DIRECTION = "chi-dao", _("Direction and management document")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    NOT_YET = "not_yet", _("Not yet in force")
    PARTLY_EXPIRED = "partly_expired", _("Partly expired")
    EXPIRED = "expired", _("Expired")


class LegalDocument(models.Model):
    """A legal document published in full text (Bình Phước Điều 12.2)."""

    group = models.CharField(
        _("group"), max_length=10, choices=DocumentGroup, default=DocumentGroup.NORMATIVE
    )
    number = models.CharField(
        _("number and symbol"), max_length=60, help_text=_("For example 15/2024/QĐ-UBND.")
    )
    # Folded, non-alphanumerics collapsed: "15/2024/QĐ-UBND" and "15 2024 qd ubnd" meet here.
    number_key = models.CharField(max_length=80, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("type")
    )
    issuing_body = models.ForeignKey(
        IssuingBody, on_delete=models.PROTECT, related_name="documents", verbose_name=_("issuing body")
    )
    legal_field = models.ForeignKey(
        LegalField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("field"),
    )
    signer = models.CharField(_("signer"), max_length=150, blank=True)
    issued_on = models.DateField(_("issue date"))
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus, default=DocumentStatus.IN_FORCE
    )
    summary = models.TextField(_("summary (trích yếu)"))
    full_text = models.TextField(_("full text"), blank=True, help_text=_("HTML; sanitised when saved."))
    replaced_by = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaces", verbose_name=_("replaced by")
    )
    amended_by = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="amends", verbose_name=_("amended by")
    )
    is_published = models.BooleanField(pgettext_lazy("flag", "published"), default=True)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        indexes = [
            models.Index(fields=["is_published", "group", "-issued_on"], name="legaldoc_public"),
            # Newest published first, across groups: the site search's five newest matching
            # documents are found by walking it (0.3 ms instead of 28 ms at 20,000 documents
            # for a query of common words; docs/performance.md).
            models.Index(
                fields=["-issued_on", "-id"], condition=models.Q(is_published=True), name="legaldoc_published_newest"
            ),
        ]

    def __str__(self):
        # Shown in admin messages and select boxes: cut on a word with an ellipsis, not mid-word.
        return f"{self.number} – {Truncator(self.summary).words(14)}"

    def get_absolute_url(self):
        return reverse("legaldocs:detail", kwargs={"slug": self.slug})

    @property
    def title(self):
        return f"{self.doc_type.name} {self.number}: {self.summary}" if self.doc_type_id else self.summary


class DocumentFile(models.Model):
    """A PDF/DOC of a document, stored under a random name and downloaded under its own."""

    document = models.ForeignKey(
        LegalDocument, on_delete=models.CASCADE, related_name="files", verbose_name=_("document")
    )
    file = models.FileField(_("file"), upload_to=upload_to("legaldocs"))
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("legaldocs:download", kwargs={"pk": self.pk})
