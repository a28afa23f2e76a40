from django.contrib import admin

from publicinfo.admin_import import ExcelImportMixin

from .forms import DocumentFileAdminForm, LegalDocumentAdminForm
from .models import DocumentFile, DocumentType, IssuingBody, LegalDocument, LegalField
from .services import IMPORT_COLUMNS, document_prepare, documents_import


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "order"]
    search_fields = ["name", "abbreviation"]


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


@admin.register(LegalField)
class LegalFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    form = DocumentFileAdminForm
    readonly_fields = ["original_name", "size"]
    extra = 1


@admin.register(LegalDocument)
class LegalDocumentAdmin(ExcelImportMixin, admin.ModelAdmin):
    import_service = staticmethod(documents_import)
    import_columns = IMPORT_COLUMNS
    form = LegalDocumentAdminForm
    list_display = ["number", "doc_type", "issuing_body", "issued_on", "status", "group", "is_published"]
    list_filter = ["group", "status", "doc_type", "issuing_body", "legal_field", "is_published"]
    search_fields = ["number", "number_key", "summary", "signer"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["replaced_by", "amended_by"]
    list_select_related = ["doc_type", "issuing_body"]
    readonly_fields = ["slug"]
    inlines = [DocumentFileInline]

    def save_model(self, request, obj, form, change):
        document_prepare(obj)
        super().save_model(request, obj, form, change)
