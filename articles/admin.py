from django.contrib import admin

from .models import Category, Item, ItemAttachment, ItemImage, Page, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "order", "is_visible", "in_menu"]
    list_filter = ["is_visible", "in_menu", "parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ItemImageInline(admin.TabularInline):
    model = ItemImage
    extra = 0


class ItemAttachmentInline(admin.TabularInline):
    model = ItemAttachment
    extra = 0


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "category", "unit", "published_at"]
    list_filter = ["status", "kind", "language", "category", "unit"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    inlines = [ItemImageInline, ItemAttachmentInline]
    autocomplete_fields = ["category", "tags", "unit", "author", "assignee"]
    readonly_fields = ["status", "slug", "version", "view_count"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "language", "order", "is_published"]
    list_filter = ["language", "is_published"]
    search_fields = ["title"]
