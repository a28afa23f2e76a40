"""Let the secretary and the head open the workflow's admin list (actions still check the workflow table)."""

from django.db import migrations

from organisation.roles import Role, roles_grant

PERMISSIONS = {
    Role.SECRETARY: ["editorial.view_workflowitem"],
    Role.HEAD: ["editorial.view_workflowitem", "editorial.view_delegation", "editorial.add_delegation",
                "editorial.change_delegation"],
    Role.SITE_ADMIN: ["editorial.view_workflowitem"],
}


def grant(apps, schema_editor):
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0003_workflow_item")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
