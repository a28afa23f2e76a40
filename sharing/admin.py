from django.contrib import admin

from .models import ComponentItem, ComponentSite


@admin.register(ComponentSite)
class ComponentSiteAdmin(admin.ModelAdmin):
    list_display = ["name", "feed_url", "active", "last_success_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["name", "feed_url"]
    readonly_fields = ["last_checked_at", "last_success_at", "last_error"]


@admin.register(ComponentItem)
class ComponentItemAdmin(admin.ModelAdmin):
    list_display = ["title", "site", "published_at"]
    list_filter = ["site"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    list_select_related = ["site"]
    readonly_fields = ["site", "guid", "title", "link", "summary", "published_at", "fetched_at"]
