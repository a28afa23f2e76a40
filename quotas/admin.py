from django.contrib import admin

from .models import MonthSnapshot, MonthSnapshotEvent, MonthSnapshotRow, QuotaExemption, QuotaRule


@admin.register(QuotaRule)
class QuotaRuleAdmin(admin.ModelAdmin):
    """Rules are validated by QuotaRule.clean (numbers, overlap), as in quotas.services.quota_rule_create."""

    list_display = ["__str__", "unit_kind", "unit", "min_tin", "min_bai", "basis", "valid_from", "valid_until"]
    list_filter = ["unit_kind", "basis"]
    autocomplete_fields = ["unit"]
    fields = ["unit_kind", "unit", "min_tin", "min_bai", "basis", "valid_from", "valid_until", "source"]


@admin.register(QuotaExemption)
class QuotaExemptionAdmin(admin.ModelAdmin):
    list_display = ["unit", "month", "year", "reason", "created_by", "created_at"]
    list_filter = ["year", "month"]
    search_fields = ["unit__name", "reason"]
    autocomplete_fields = ["unit"]
    fields = ["unit", "year", "month", "reason"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class SnapshotRowInline(admin.TabularInline):
    model = MonthSnapshotRow
    fields = ["unit_name", "target_tin", "target_bai", "sent_tin", "sent_bai", "published_tin",
              "published_bai", "late", "basis", "is_exempt", "exemption_reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SnapshotEventInline(admin.TabularInline):
    model = MonthSnapshotEvent
    fields = ["at", "action", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MonthSnapshot)
class MonthSnapshotAdmin(admin.ModelAdmin):
    """Read only: a month is closed and reopened from the dashboard (quotas.services)."""

    list_display = ["__str__", "is_closed", "closed_at", "closed_by"]
    list_filter = ["is_closed", "year"]
    readonly_fields = ["year", "month", "is_closed", "closed_at", "closed_by", "visits", "feedback_counts"]
    inlines = [SnapshotRowInline, SnapshotEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

