"""Default quotas (Hà Tĩnh 1148/STP-PBGDPL points 1 and 4) and the roles' permissions."""

import datetime

from django.db import migrations

from organisation.roles import Role, roles_grant

HA_TINH_1148 = datetime.date(2022, 11, 22)
DEFAULT_RULES = [
    # unit kind, tin, bài, source
    ("internal", 5, 2, "Hà Tĩnh 1148/STP-PBGDPL, điểm 1"),
    ("district", 2, 1, "Hà Tĩnh 1148/STP-PBGDPL, điểm 4"),
]

VIEW = ["quotas.view_quotarule", "quotas.view_quotaexemption", "quotas.view_monthsnapshot"]
PERMISSIONS = {
    Role.SITE_ADMIN: [
        "quotas.add_quotarule", "quotas.change_quotarule", "quotas.delete_quotarule",
        "quotas.add_quotaexemption", "quotas.change_quotaexemption", "quotas.delete_quotaexemption",
        *VIEW,
    ],
    Role.LEADERSHIP: [
        "quotas.add_quotaexemption", "quotas.change_quotaexemption", "quotas.close_month", *VIEW,
    ],
    Role.HEAD: ["quotas.close_month", *VIEW],
    Role.DEPUTY_HEAD: ["quotas.close_month", *VIEW],
    Role.SECRETARY: ["quotas.close_month", *VIEW],
    Role.BOARD_MEMBER: VIEW,
}


def forwards(apps, schema_editor):
    QuotaRule = apps.get_model("quotas", "QuotaRule")
    for kind, tin, bai, source in DEFAULT_RULES:
        if not QuotaRule.objects.filter(unit__isnull=True, unit_kind=kind).exists():
            QuotaRule.objects.get_or_create(
                unit=None, unit_kind=kind, valid_from=HA_TINH_1148,
                defaults={"min_tin": tin, "min_bai": bai, "basis": "sent", "source": source},
            )
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("quotas", "0001_initial"),
        ("organisation", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
