"""Admin for the rate tables; records, statements and history are read-only here (changes go through services)."""

from django.contrib import admin

from .models import (
    CoefficientRate,
    CoefficientUnitValue,
    RemunerationRate,
    RoyaltyEvent,
    RoyaltyRecord,
    Statement,
)


@admin.register(CoefficientRate)
class CoefficientRateAdmin(admin.ModelAdmin):
    list_display = ["kind", "coefficient_min", "coefficient_max", "valid_from", "valid_to", "note"]
    list_filter = ["kind"]


@admin.register(CoefficientUnitValue)
class CoefficientUnitValueAdmin(admin.ModelAdmin):
    list_display = ["amount", "valid_from", "valid_to", "note"]


@admin.register(RemunerationRate)
class RemunerationRateAdmin(admin.ModelAdmin):
    list_display = ["role", "basis", "amount", "valid_from", "valid_to", "note"]
    list_filter = ["role", "basis"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money and its history change only through royalties.services (audit trail, paid-record lock)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoyaltyRecord)
class RoyaltyRecordAdmin(ReadOnlyAdmin):
    list_display = ["recipient_name", "kind", "period", "coefficient", "amount", "status"]
    list_filter = ["status", "kind", "period"]
    search_fields = ["recipient_name", "item__title"]
    list_select_related = ["item"]


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "paid_on", "paid_reference", "total_paid"]


@admin.register(RoyaltyEvent)
class RoyaltyEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "actor", "record", "statement"]
    list_filter = ["action"]
