from django.contrib import admin

from . import services
from .models import Draft, DraftComment, DraftFile, Field, Question, QuestionTransition


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class QuestionTransitionInline(admin.TabularInline):
    model = QuestionTransition
    fields = ["created_at", "actor", "action", "from_state", "to_state", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Read-mostly: moves go through the staff pages (the workflow), so history stays complete."""

    list_display = ["tracking_code", "title", "kind", "field", "unit", "status", "received_at", "due_at", "is_public"]
    list_filter = ["kind", "status", "field", "unit", "is_public", "needs_consultation"]
    search_fields = ["tracking_code", "title", "full_name", "email"]
    date_hierarchy = "received_at"
    readonly_fields = [
        "kind", "tracking_code", "status", "version", "field", "title", "body", "attachment", "attachment_name",
        "full_name", "email", "phone", "address", "consent_at", "consent_version", "personal_data_erased_at",
        "received_at", "due_at", "needs_consultation", "consultation_reason", "unit", "duplicate_of", "answer",
        "answer_drafted_by", "approved_by", "answered_at", "closed_at", "is_public", "published_at",
        "overdue_flagged_at",
    ]
    inlines = [QuestionTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DraftFileInline(admin.TabularInline):
    model = DraftFile
    extra = 0


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["title", "drafting_unit", "opens_at", "closes_at", "is_published"]
    list_filter = ["is_published", "drafting_unit"]
    search_fields = ["title", "summary"]
    date_hierarchy = "opens_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DraftFileInline]

    def save_model(self, request, obj, form, change):
        services.draft_save(draft=obj, actor=request.user)  # sanitises the full text


@admin.register(DraftComment)
class DraftCommentAdmin(admin.ModelAdmin):
    list_display = ["draft", "full_name", "organisation", "created_at", "is_published"]
    list_filter = ["is_published", "draft"]
    list_editable = ["is_published"]
    search_fields = ["full_name", "organisation", "email", "body"]
    readonly_fields = ["draft", "full_name", "organisation", "email", "phone", "body", "consent_at",
                       "consent_version", "personal_data_erased_at", "created_at"]
