"""Create the portal's role groups (DOMAIN.md "People and roles")."""

from django.db import migrations

from organisation.roles import Role, roles_grant

PERMISSIONS = {
    Role.SITE_ADMIN: [
        "organisation.add_unit", "organisation.change_unit", "organisation.view_unit",
        "organisation.add_staffprofile", "organisation.change_staffprofile", "organisation.view_staffprofile",
        "organisation.change_department", "organisation.view_department",
        "core.add_calendarday", "core.change_calendarday", "core.delete_calendarday", "core.view_calendarday",
        "core.view_outgoingemail", "core.view_outboxtask",
        "auth.add_user", "auth.change_user", "auth.view_user", "auth.view_group",
    ],
    Role.OFFICE: ["organisation.view_unit", "organisation.view_staffprofile", "core.view_outgoingemail"],
    Role.LEADERSHIP: ["organisation.view_unit", "organisation.view_staffprofile"],
    Role.SECRETARY: ["organisation.view_unit", "organisation.view_staffprofile", "core.view_calendarday"],
    Role.HEAD: ["organisation.view_unit", "organisation.view_staffprofile"],
    Role.DEPUTY_HEAD: ["organisation.view_unit"],
    Role.BOARD_MEMBER: ["organisation.view_unit"],
    Role.UNIT_LEADER: ["organisation.view_unit"],
    Role.AUTHOR: [],
    Role.COLLABORATOR: [],
}


def create_roles(apps, schema_editor):
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_initial"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
