"""The portal's roles (DOMAIN.md "People and roles") as auth groups.

Group names are stable codes; `Role.label` is what people read. Model
permissions of each role are declared here, next to the role, and granted by
data migrations through `roles_grant` (each app's migration grants its own
models' permissions, so the permission rows exist when they are granted).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AUTHOR = "author", _("Staff author")
    COLLABORATOR = "collaborator", _("Collaborator")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    SECRETARY = "secretary", _("Editorial secretary")
    BOARD_MEMBER = "board_member", _("Editorial board member")
    DEPUTY_HEAD = "deputy_head", _("Deputy head of the editorial board")
    HEAD = "head", _("Head of the editorial board")
    LEADERSHIP = "leadership", _("Department leadership")
    OFFICE = "office", _("Department office")
    SITE_ADMIN = "site_admin", _("Site administrator")


BOARD_ROLES = (Role.SECRETARY, Role.BOARD_MEMBER, Role.DEPUTY_HEAD, Role.HEAD)


def user_has_role(user, *roles):
    """True if the user is in one of the roles' groups (cached per request on the user)."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_portal_roles"):
        user._portal_roles = frozenset(user.groups.values_list("name", flat=True))
    return any(str(role) in user._portal_roles for role in roles)


def roles_grant(apps, mapping):
    """Grant permissions to role groups inside a data migration.

    `mapping` is {role: ["app_label.codename", ...]}. Permissions of the apps
    migrated so far are created first (Django normally creates them only after
    all migrations run).
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in mapping.items():
        group, _created = Group.objects.get_or_create(name=str(role))
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            group.permissions.add(permission)
