from django.db import migrations


def grant(apps, schema_editor):
    from organisation.roles import Role, roles_grant

    roles_grant(apps, {Role.SITE_ADMIN: ["audit.view_auditentry"]})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("organisation", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
