from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import UserSession

User = get_user_model()


@admin.action(description=_("End all sessions (log out everywhere)"))
def end_sessions(modeladmin, request, queryset):
    ended = sum(services.user_sessions_end(user) for user in queryset)
    modeladmin.message_user(
        request, ngettext("%(count)d session ended.", "%(count)d sessions ended.", ended) % {"count": ended},
        messages.SUCCESS,
    )


@admin.action(description=_("Remove two-step verification (lost phone)"))
def remove_second_factor(modeladmin, request, queryset):
    for user in queryset:
        services.totp_device_remove(user=user, actor=request.user)
        services.user_sessions_end(user)
    modeladmin.message_user(request, _("Done: they will set up a new authenticator at their next login."),
                            messages.SUCCESS)


class PortalUserAdmin(UserAdmin):
    actions = [end_sessions, remove_second_factor]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "ip_address"]
    search_fields = ["user__username", "=ip_address"]
    # The session key itself is a credential: never shown.
    fields = readonly_fields = ["user", "created_at", "ip_address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
