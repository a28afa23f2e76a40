"""Grant the sharing models' permissions to roles (idempotent)."""

from django.db import migrations

from organisation.roles import roles_grant
from publicinfo.roles import public_module_permissions


def forwards(apps, schema_editor):
    roles_grant(apps, public_module_permissions("sharing", ["componentsite", "componentitem"]))


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
        ("organisation", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
