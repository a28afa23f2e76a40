from django.contrib import admin

from .admin_import import ExcelImportMixin
from .forms import AttachmentAdminForm
from .models import (
    JudicialEntry,
    Notice,
    NoticeFile,
    Procedure,
    ProcedureField,
    ProcedureForm,
    ScheduleEntry,
    WebLink,
)
from .services import (
    JUDICIAL_COLUMNS,
    PROCEDURE_COLUMNS,
    judicial_import,
    notice_prepare,
    procedure_prepare,
    procedures_import,
)


@admin.register(ProcedureField)
class ProcedureFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


class ProcedureFormInline(admin.TabularInline):
    model = ProcedureForm
    form = AttachmentAdminForm
    fields = ["title", "upload", "original_name", "size"]
    readonly_fields = ["original_name", "size"]
    extra = 1


@admin.register(Procedure)
class ProcedureAdmin(ExcelImportMixin, admin.ModelAdmin):
    import_service = staticmethod(procedures_import)
    import_columns = PROCEDURE_COLUMNS
    list_display = ["code", "name", "field", "level", "online_level", "is_published"]
    list_filter = ["level", "online_level", "field", "is_published"]
    search_fields = ["code", "name", "implementing_body"]
    list_select_related = ["field"]
    readonly_fields = ["slug"]
    inlines = [ProcedureFormInline]

    def save_model(self, request, obj, form, change):
        procedure_prepare(obj)
        super().save_model(request, obj, form, change)


@admin.register(ScheduleEntry)
class ScheduleEntryAdmin(admin.ModelAdmin):
    list_display = ["day", "starts_at", "leader", "content", "place", "is_published"]
    list_filter = ["is_published", "leader"]
    search_fields = ["content", "place", "attendees"]
    date_hierarchy = "day"
    list_select_related = ["leader"]
    autocomplete_fields = ["leader"]


class NoticeFileInline(admin.TabularInline):
    model = NoticeFile
    form = AttachmentAdminForm
    fields = ["upload", "original_name", "size"]
    readonly_fields = ["original_name", "size"]
    extra = 1


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "number", "published_on", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "number", "summary"]
    date_hierarchy = "published_on"
    inlines = [NoticeFileInline]

    def save_model(self, request, obj, form, change):
        notice_prepare(obj)
        super().save_model(request, obj, form, change)


@admin.register(JudicialEntry)
class JudicialEntryAdmin(ExcelImportMixin, admin.ModelAdmin):
    import_service = staticmethod(judicial_import)
    import_columns = JUDICIAL_COLUMNS
    list_display = ["name", "kind", "district", "phone", "is_active"]
    list_filter = ["kind", "district", "is_active"]
    search_fields = ["name", "representative", "address", "licence_number"]


@admin.register(WebLink)
class WebLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "url"]
