"""Default rates and role permissions (idempotent: re-run after test flushes).

The values are plausible defaults only: the province's decision on royalties
(e.g. Bình Phước QĐ 01/2020/QĐ-UBND under Thông tư 194/2012/TT-BTC) sets the
real coefficient ranges and unit value; the administrator enters them in the
admin with their validity dates.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

from organisation.roles import Role, roles_grant

START = dt.date(2026, 1, 1)
NOTE = "Giá trị mặc định; áp dụng theo quyết định của UBND tỉnh về chế độ nhuận bút (Thông tư 194/2012/TT-BTC)."

COEFFICIENTS = [
    ("tin", "1", "3"),
    ("bai", "3", "10"),
    ("research", "10", "20"),
    ("photo", "1", "3"),
    ("translation", "1", "5"),
    ("repost", "0.5", "2"),
]
UNIT_VALUE = 100_000

REVIEWERS = ["royalties.view_royaltyrecord", "royalties.propose_royaltyrecord"]
PERMISSIONS = {
    Role.SECRETARY: REVIEWERS + ["royalties.prepare_statement", "royalties.view_statement"],
    Role.BOARD_MEMBER: REVIEWERS,
    Role.DEPUTY_HEAD: REVIEWERS,
    Role.HEAD: REVIEWERS + [
        "royalties.approve_royaltyrecord", "royalties.view_royalty_totals", "royalties.view_statement",
    ],
    Role.OFFICE: [
        "royalties.view_royaltyrecord", "royalties.prepare_statement", "royalties.pay_statement",
        "royalties.view_statement", "royalties.view_royalty_totals",
    ],
    Role.LEADERSHIP: ["royalties.view_royaltyrecord", "royalties.view_royalty_totals", "royalties.view_statement"],
    Role.SITE_ADMIN: [
        f"royalties.{action}_{model}"
        for model in ("coefficientrate", "coefficientunitvalue", "remunerationrate")
        for action in ("add", "change", "delete", "view")
    ] + ["royalties.view_royaltyrecord", "royalties.view_statement", "royalties.view_royaltyevent"],
}


def create(apps, schema_editor):
    CoefficientRate = apps.get_model("royalties", "CoefficientRate")
    CoefficientUnitValue = apps.get_model("royalties", "CoefficientUnitValue")
    for kind, low, high in COEFFICIENTS:
        if not CoefficientRate.objects.filter(kind=kind).exists():
            CoefficientRate.objects.create(
                kind=kind, coefficient_min=Decimal(low), coefficient_max=Decimal(high), valid_from=START, note=NOTE
            )
    if not CoefficientUnitValue.objects.exists():
        CoefficientUnitValue.objects.create(amount=UNIT_VALUE, valid_from=START, note=NOTE)
    roles_grant(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("royalties", "0001_initial"), ("organisation", "0002_roles")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
