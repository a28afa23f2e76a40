from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the log is append-only."""

    list_display = ["created_at", "actor_name", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_name", "action", "object_repr", "object_id", "path", "=ip_address"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields if f.name != "search_text"]
    exclude = ["search_text"]
    list_select_related = False
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
