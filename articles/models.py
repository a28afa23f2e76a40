from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from core.reversing import reverse_slug
from core.uploads import upload_to


class Category(models.Model):
    """A section of the public site (Long An Điều 4; Bình Phước Điều 5), as a tree."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_visible = models.BooleanField(_("visible"), default=True)
    in_menu = models.BooleanField(_("in the main menu"), default=False)
    # Sections served by another module (Q&A, legal documents, procedures...) link there.
    link = models.CharField(_("link to a module"), max_length=200, blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if self.link:
            language = get_language()
            # Module links are stored without a language prefix; English readers stay on /en/.
            if self.link.startswith("/") and language and language != settings.LANGUAGE_CODE:
                return f"/{language}{self.link}"
            return self.link
        return reverse_slug("articles:category", self.slug)

    @property
    def label(self):
        """The name in the reader's language (English when there is one on the English site)."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class ItemKind(models.TextChoices):
    """Kinds of content; quotas count TIN and BAI (Hà Tĩnh 1, 4)."""

    TIN = "tin", _("News item")
    BAI = "bai", _("Article")
    RESEARCH = "research", _("In-depth research article")
    PHOTO = "photo", _("Photo story")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")


class ItemStatus(models.TextChoices):
    """Where an item is in the editorial workflow (Bình Phước Điều 11, 12, 15).

    The moves between them are declared in editorial/workflow.py.
    """

    DRAFT = "draft", _("Draft")
    UNIT_REVIEW = "unit_review", _("Awaiting unit approval")
    SUBMITTED = "submitted", _("Sent to the editorial board")
    EDITING = "editing", _("Being edited")
    VERIFYING = "verifying", _("Awaiting verification")
    FINAL_REVIEW = "final_review", _("Awaiting final approval")
    APPROVED = "approved", _("Approved, awaiting publication")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Rejected")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Item(models.Model):
    """A news item, article, photo story, video or document, from draft to publication."""

    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind, default=ItemKind.TIN)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus, default=ItemStatus.DRAFT, db_index=True
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="vi")
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = CKEditor5Field(_("body"), blank=True, config_name="default")
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("category"),
    )
    proposed_category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed category"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="items", verbose_name=_("tags"))
    cover_image = models.ImageField(
        _("cover image"),
        upload_to=upload_to("covers"),
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(_("cover image description (alt)"), max_length=300, blank=True)
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    show_byline = models.BooleanField(_("show author and unit"), default=True)

    # Who sent it (Bình Phước Điều 9.1.b: unit, full name, position, email, phone).
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("unit"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_items",
        verbose_name=_("submitted by"),
    )
    byline = models.CharField(_("authors as shown"), max_length=300, blank=True)
    sender_full_name = models.CharField(_("sender's full name"), max_length=150, blank=True)
    sender_position = models.CharField(_("sender's position"), max_length=150, blank=True)
    sender_email = models.EmailField(_("sender's email"), blank=True)
    sender_phone = models.CharField(_("sender's phone or address"), max_length=200, blank=True)

    # Workflow bookkeeping (moves in editorial/workflow.py).
    requires_unit_approval = models.BooleanField(_("needs unit approval"), default=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_items",
        verbose_name=_("assigned to"),
    )
    event_at = models.DateTimeField(_("event, issue or approval time"), null=True, blank=True)
    deadline_rule = models.CharField(_("deadline rule"), max_length=30, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    scheduled_for = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    editing_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    editing_since = models.DateTimeField(null=True, blank=True, editable=False)

    # Public-side data.
    view_count = models.PositiveBigIntegerField(_("views"), default=0)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        indexes = [
            models.Index(fields=["status", "language", "-published_at", "-id"], name="item_public"),
            models.Index(fields=["category", "status", "-published_at", "-id"], name="item_category"),
            # Public section listings: count and cursor pages read only this index (docs/performance.md).
            models.Index(
                fields=["category", "language", "-published_at", "-id"],
                condition=models.Q(status="published"),
                name="item_category_public",
            ),
            models.Index(fields=["unit", "submitted_at"], name="item_unit_sent"),
            # The quota dashboard's counts per unit and month (quotas.selectors): by unit for the
            # month's table, and index-only over the month for the 12-month trend.
            models.Index(fields=["unit", "published_at"], name="item_unit_published"),
            models.Index(fields=["published_at", "unit", "kind", "status"], name="item_quota_published"),
            models.Index(fields=["submitted_at", "unit", "kind", "status"], name="item_quota_sent"),
            models.Index(fields=["assignee", "status"], name="item_assignee"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_slug("articles:item", self.slug) if self.slug else ""


class ItemImage(models.Model):
    """A photo in an item's gallery, with caption and photographer (paid as royalties)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("image"), upload_to=upload_to("photos"), width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt = models.CharField(_("description (alt)"), max_length=300, blank=True)
    photographer = models.CharField(_("photographer"), max_length=150, blank=True)
    photographer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photographer (account)"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.image.name


class ItemAttachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=upload_to("attachments"))
    original_name = models.CharField(_("file name"), max_length=255)
    title = models.CharField(_("title"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.original_name


class SlugRedirect(models.Model):
    """An item's former slug, so links shared before a rename still work."""

    old_slug = models.SlugField(max_length=220, unique=True)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.old_slug


class Page(models.Model):
    """Static content: introduction, history, functions, organisation chart, contact."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="vi")
    body = CKEditor5Field(_("body"), blank=True, config_name="default")
    order = models.PositiveIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:page", kwargs={"slug": self.slug})


class DailyVisits(models.Model):
    """Page views per day: one row per (date, item), and one per date with no item for the whole site.

    Views are counted in the cache on the hot path and flushed here by
    `articles.tasks.visits_flush`; the monthly report to leadership reads these
    rows (Bình Phước Điều 18.5).
    """

    date = models.DateField(_("date"))
    item = models.ForeignKey(
        Item,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="daily_visits",
        verbose_name=_("item"),
    )
    count = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("daily visits")
        verbose_name_plural = _("daily visits")
        constraints = [
            models.UniqueConstraint(fields=["date", "item"], name="daily_visits_item_unique"),
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(item__isnull=True), name="daily_visits_site_unique"
            ),
        ]

    def __str__(self):
        return f"{self.date}: {self.count}"
