from django.contrib import admin
from django.db import transaction

from .forms import ItemAdminForm, ItemAttachmentForm, ItemImageForm
from .models import (
    Category,
    DailyVisits,
    Item,
    ItemAttachment,
    ItemImage,
    ItemStatus,
    Page,
    SlugRedirect,
    Tag,
)
from .services import item_prepare, item_visibility_changed, page_prepare, public_cache_invalidate


class PublicCacheAdminMixin:
    """Deleting (one or "delete selected") refreshes the cached public pages at once.

    Subclasses that change what the public sees on save call `_public_changed()`.
    """

    def _public_changed(self):
        transaction.on_commit(public_cache_invalidate)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._public_changed()

    def delete_queryset(self, request, queryset):
        # The "delete selected" action does not go through delete_model.
        super().delete_queryset(request, queryset)
        self._public_changed()


@admin.register(Category)
class CategoryAdmin(PublicCacheAdminMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "order", "is_visible", "in_menu"]
    list_filter = ["is_visible", "in_menu", "parent"]
    list_editable = ["order", "is_visible", "in_menu"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._public_changed()


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ItemImageInline(admin.TabularInline):
    model = ItemImage
    form = ItemImageForm
    extra = 0


class ItemAttachmentInline(admin.TabularInline):
    model = ItemAttachment
    form = ItemAttachmentForm
    extra = 0
    readonly_fields = ["original_name", "size"]


@admin.register(Item)
class ItemAdmin(PublicCacheAdminMixin, admin.ModelAdmin):
    """Corrections by administrators; the editorial workflow (editorial/) is the normal path."""

    form = ItemAdminForm
    list_display = ["title", "kind", "status", "category", "unit", "language", "featured", "published_at"]
    list_filter = ["status", "kind", "language", "featured", "category", "unit"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    inlines = [ItemImageInline, ItemAttachmentInline]
    autocomplete_fields = ["category", "tags", "unit", "author", "assignee"]
    readonly_fields = ["status", "slug", "version", "view_count"]

    def save_model(self, request, obj, form, change):
        item_prepare(obj)  # NFC, sanitised body, search text: as on every other save path
        super().save_model(request, obj, form, change)
        if obj.status == ItemStatus.PUBLISHED:
            transaction.on_commit(lambda: item_visibility_changed(obj))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.status == ItemStatus.PUBLISHED:
            transaction.on_commit(lambda: item_visibility_changed(form.instance))


@admin.register(Page)
class PageAdmin(PublicCacheAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "language", "order", "is_published"]
    list_filter = ["language", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}

    def save_model(self, request, obj, form, change):
        page_prepare(obj)
        super().save_model(request, obj, form, change)
        self._public_changed()


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "item", "created_at"]
    search_fields = ["old_slug"]
    raw_id_fields = ["item"]


@admin.register(DailyVisits)
class DailyVisitsAdmin(admin.ModelAdmin):
    list_display = ["date", "item", "count"]
    date_hierarchy = "date"
    raw_id_fields = ["item"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
