"""Grant the editorial permissions to the roles (DOMAIN.md "People and roles")."""

from django.db import migrations

from organisation.roles import Role, roles_grant

PERMISSIONS = {
    Role.AUTHOR: ["editorial.submit_item"],
    Role.COLLABORATOR: ["editorial.submit_item"],
    Role.UNIT_LEADER: ["editorial.submit_item"],
    # Bình Phước Điều 11.1, 15.3: receives, classifies, assigns; publishes after approval.
    Role.SECRETARY: ["editorial.submit_item", "editorial.receive_item", "editorial.publish_item",
                     "editorial.view_transition", "editorial.view_revision"],
    Role.BOARD_MEMBER: ["editorial.submit_item", "editorial.edit_item",
                        "editorial.view_transition", "editorial.view_revision"],
    # Long An Điều 8.3.b: the deputy edits, and verifies/approves only when delegated (Delegation).
    Role.DEPUTY_HEAD: ["editorial.submit_item", "editorial.edit_item",
                       "editorial.view_transition", "editorial.view_revision"],
    Role.HEAD: ["editorial.submit_item", "editorial.edit_item", "editorial.verify_item",
                "editorial.approve_item", "editorial.delegate_steps",
                "editorial.view_transition", "editorial.view_revision"],
    Role.SITE_ADMIN: ["editorial.delegate_steps", "editorial.view_transition", "editorial.view_revision",
                      "editorial.view_delegation", "editorial.add_delegation", "editorial.change_delegation"],
}


def grant(apps, schema_editor):
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("organisation", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
