"""Grant the public information modules' permissions to roles (idempotent)."""

from django.db import migrations

from organisation.roles import roles_grant
from publicinfo.roles import public_module_permissions

MODELS = [
    "procedurefield", "procedure", "procedureform", "scheduleentry", "notice", "noticefile",
    "judicialentry", "weblink",
]


def forwards(apps, schema_editor):
    roles_grant(apps, public_module_permissions("publicinfo", MODELS))


class Migration(migrations.Migration):
    dependencies = [
        ("publicinfo", "0001_initial"),
        ("organisation", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
