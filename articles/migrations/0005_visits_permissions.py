"""Who may read visit statistics in the admin: site administrators and the leadership
(the board reports visits to leadership monthly, Bình Phước Điều 18.5)."""

from django.db import migrations

from organisation.roles import Role, roles_grant


def grant(apps, schema_editor):
    roles_grant(apps, {
        Role.SITE_ADMIN: ["articles.view_dailyvisits", "articles.delete_dailyvisits"],
        Role.LEADERSHIP: ["articles.view_dailyvisits"],
        Role.OFFICE: ["articles.view_dailyvisits"],
    })


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_postgresql_search"), ("organisation", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
