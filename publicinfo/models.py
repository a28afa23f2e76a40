from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import upload_to

# Only web addresses: no javascript:, data: or ftp: in links shown to the public.
web_url_validator = URLValidator(schemes=["http", "https"])


class ProcedureField(models.Model):
    """A field of administrative procedures (hộ tịch, chứng thực, công chứng…)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("procedure field")
        verbose_name_plural = _("procedure fields")

    def __str__(self):
        return self.name


class ProcedureLevel(models.TextChoices):
    PROVINCIAL = "province", _("Provincial")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class OnlineLevel(models.TextChoices):
    """How much of the procedure can be done on the public-service portal."""

    NONE = "none", _("Not online")
    PARTIAL = "partial", _("Partly online")
    FULL = "full", _("Fully online")


class Procedure(models.Model):
    """An administrative procedure with its online service level (Long An Điều 4; Bình Phước Điều 5)."""

    code = models.CharField(_("code"), max_length=40, unique=True, help_text=_("For example 1.000893."))
    name = models.CharField(_("name"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("field")
    )
    level = models.CharField(
        _("level"), max_length=10, choices=ProcedureLevel, default=ProcedureLevel.PROVINCIAL
    )
    implementing_body = models.CharField(_("implementing body"), max_length=300, blank=True)
    steps = models.TextField(_("steps"), blank=True)
    dossier = models.TextField(_("dossier"), blank=True)
    time_limit = models.CharField(_("time limit"), max_length=300, blank=True)
    fees = models.CharField(_("fees"), max_length=300, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    online_level = models.CharField(
        _("online service"), max_length=10, choices=OnlineLevel, default=OnlineLevel.NONE
    )
    online_url = models.URLField(_("link to the online service"), blank=True, validators=[web_url_validator])
    is_published = models.BooleanField(pgettext_lazy("flag", "published"), default=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["field__order", "field__name", "name"]
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publicinfo:procedure", kwargs={"slug": self.slug})

    @property
    def title(self):
        return self.name


class ProcedureForm(models.Model):
    """A form (mẫu đơn, tờ khai) to download with a procedure."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="forms", verbose_name=_("procedure")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=upload_to("procedures"))
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self):
        return self.title or self.original_name

    def get_absolute_url(self):
        return reverse("publicinfo:procedure_form_download", kwargs={"pk": self.pk})


class ScheduleEntry(models.Model):
    """One engagement in the leadership's weekly schedule (lịch công tác tuần)."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="schedule_entries",
        verbose_name=_("leader"),
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("time"))
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    content = models.CharField(_("content"), max_length=500)
    place = models.CharField(_("place"), max_length=300, blank=True)
    attendees = models.CharField(_("attendees"), max_length=500, blank=True)
    preparing_unit = models.CharField(_("preparing unit"), max_length=200, blank=True)
    is_published = models.BooleanField(pgettext_lazy("flag", "published"), default=True)

    class Meta:
        ordering = ["day", "starts_at", "pk"]
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")
        indexes = [models.Index(fields=["is_published", "day"], name="schedule_public")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.starts_at:%H:%M} {self.content[:60]}"


class NoticeKind(models.TextChoices):
    """Dated documents of the public site, each a section with its own URL (Long An Điều 4)."""

    ANNOUNCEMENT = "announcement", _("Announcements and invitations")
    CONFERENCE = "conference", _("Conference documents")
    PLAN = "plan", _("Plans")
    PROJECT = "project", _("Projects")
    RESEARCH = "research", _("Research topics")
    STATISTICS = "statistics", _("Statistics")
    ISO = "iso", _("ISO 9001 documents")


class Notice(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind)
    title = models.CharField(_("title"), max_length=400)
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    published_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("content"), blank=True, help_text=_("HTML; sanitised when saved."))
    is_published = models.BooleanField(pgettext_lazy("flag", "published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("dated document")
        verbose_name_plural = _("announcements, plans and other dated documents")
        indexes = [models.Index(fields=["kind", "is_published", "-published_on"], name="notice_public")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"publicinfo:notice_{self.kind}", kwargs={"pk": self.pk})


class NoticeFile(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="files", verbose_name=_("notice"))
    file = models.FileField(_("file"), upload_to=upload_to("notices"))
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("publicinfo:notice_file_download", kwargs={"pk": self.pk})


class JudicialKind(models.TextChoices):
    """Judicial support (bổ trợ tư pháp) and legal aid (trợ giúp pháp lý) lists (Long An Điều 4)."""

    NOTARY = "notary", _("Notary office")
    AUCTION = "auction", _("Property auction organisation")
    LAW_FIRM = "law_firm", _("Law firm")
    LAWYER = "lawyer", _("Lawyer")
    BAILIFF = "bailiff", _("Bailiff office")
    FORENSIC = "forensic", _("Forensic expert")
    LEGAL_AID_ORG = "legal_aid_org", _("Legal aid organisation")
    LEGAL_AID_PERSON = "legal_aid_person", _("Legal aid provider")


JUDICIAL_SUPPORT_KINDS = [
    JudicialKind.NOTARY,
    JudicialKind.AUCTION,
    JudicialKind.LAW_FIRM,
    JudicialKind.LAWYER,
    JudicialKind.BAILIFF,
    JudicialKind.FORENSIC,
]
LEGAL_AID_KINDS = [JudicialKind.LEGAL_AID_ORG, JudicialKind.LEGAL_AID_PERSON]


class JudicialEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=JudicialKind)
    name = models.CharField(_("name"), max_length=300)
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    licence_number = models.CharField(_("licence or card number"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["kind", "district", "name"]
        verbose_name = _("judicial support or legal aid entry")
        verbose_name_plural = _("judicial support and legal aid entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "name", "district"], name="judicial_entry_unique"),
        ]

    def __str__(self):
        return self.name


class WebLink(models.Model):
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(
        _("address"), help_text=_("http:// or https:// only."), validators=[web_url_validator]
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("web link")
        verbose_name_plural = _("web links")

    def __str__(self):
        return self.name
