"""Admin of the workflow's history (read-only), delegations and items, with actions through the service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.workflow import TransitionError

from . import permissions as perms
from . import services
from .models import Delegation, Revision, Transition, WorkflowItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "item", "actor", "from_state", "to_state", "action", "reason")
    list_filter = ("to_state", "action")
    list_select_related = ("item", "actor")
    search_fields = ("item__title", "comment")
    date_hierarchy = "created_at"


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "item", "stage", "created_by")
    list_filter = ("stage",)
    list_select_related = ("item", "created_by")
    search_fields = ("item__title",)


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("delegate", "granted_by", "granted_at", "revoked_at")
    list_select_related = ("delegate", "granted_by")
    actions = ["revoke"]
    readonly_fields = ("granted_by", "granted_at", "revoked_at")
    fields = ("delegate", "note", "granted_by", "granted_at", "revoked_at")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and perms.can_delegate(request.user)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            delegation = services.delegation_grant(
                delegate=obj.delegate, granted_by=request.user, note=obj.note
            )
        except TransitionError as exc:
            raise PermissionDenied(exc.message) from exc
        obj.pk, obj.granted_by, obj.granted_at = delegation.pk, delegation.granted_by, delegation.granted_at

    @admin.action(description=_("Withdraw the selected authorisations"), permissions=["change"])
    def revoke(self, request, queryset):
        for delegation in queryset:
            try:
                services.delegation_revoke(delegation_id=delegation.pk, revoked_by=request.user)
            except TransitionError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return


@admin.register(WorkflowItem)
class WorkflowItemAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "kind", "unit", "assignee", "submitted_at", "due_at")
    list_filter = ("status", "kind", "unit")
    list_select_related = ("unit", "assignee")
    search_fields = ("title",)
    actions = ["publish", "publish_scheduled_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _move_each(self, request, queryset, action):
        done = 0
        for item in queryset:
            try:
                services.item_transition(
                    item_id=item.pk, action=action, actor=request.user, expected_state=item.status
                )
                done += 1
            except TransitionError as exc:
                self.message_user(request, f"{item.title}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(
                request, gettext("%(count)s item(s) published.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Publish the selected approved or scheduled items now"), permissions=["view"])
    def publish(self, request, queryset):
        self._move_each(request, queryset, "publish")

    @admin.action(description=_("Publish scheduled items whose time has come"), permissions=["view"])
    def publish_scheduled_now(self, request, queryset):
        count = services.publish_scheduled()
        self.message_user(
            request, gettext("%(count)s item(s) published.") % {"count": count}, messages.SUCCESS
        )
