from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for web logins.

    Without a request there is no web login to throttle (management commands,
    the test client's `login()`), so the check steps aside instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PortalModelBackend(ModelBackend):
    """Django's ModelBackend, reading a person's permissions in one query instead of two.

    Django reads the permissions given to the user and those of the user's groups
    separately; every staff page checks a permission, so each paid both (the quota
    dashboard made 15 queries, docs/performance.md). The same set comes from one query
    over both relations, kept on the user for the request as Django keeps it
    (`_perm_cache`); get_user_permissions and get_group_permissions are Django's own.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                permissions = Permission.objects.all()
            else:
                permissions = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = permissions.values_list("content_type__app_label", "codename").order_by().distinct()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
