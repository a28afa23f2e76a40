"""Demo royalties for the demo's published items (idempotent; called by `manage.py seed_demo`).

Last month's records are proposed, approved and paid; this month's are partly
proposed and approved, so every page of /nhuan-but/ has something to show.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Item, ItemStatus

from . import services
from .models import RecordStatus, RemunerationBasis, RemunerationRate, Statement

# Demo remuneration rates (the province's decision sets the real ones).
DEMO_REMUNERATION = [
    ("secretary", RemunerationBasis.PER_MONTH, 500_000),
    ("head", RemunerationBasis.PER_MONTH, 700_000),
    ("board_member", RemunerationBasis.PER_ITEM, 30_000),
]


def seed(command):
    User = get_user_model()
    accounts = {u.username: u for u in User.objects.filter(username__in=["thuky", "truongban", "vanphong"])}
    if len(accounts) < 3:
        return
    secretary, head, office = accounts["thuky"], accounts["truongban"], accounts["vanphong"]
    for role, basis, amount in DEMO_REMUNERATION:
        RemunerationRate.objects.get_or_create(
            role=role,
            basis=basis,
            defaults={
                "amount": amount,
                "valid_from": dt.date(2026, 1, 1),
                "note": "Mức minh họa (dữ liệu mẫu)",
            },
        )
    for item in Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("published_at"):
        services.royalties_on_publication(item=item)

    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    services.remuneration_month_create(year=last_month.year, month=last_month.month, actor=secretary)

    pending = services.RoyaltyRecord.objects.filter(status=RecordStatus.PENDING, adjusts__isnull=True)
    for record in pending.select_related("item").order_by("work_date", "pk"):
        if record.period == this_month and record.pk % 2:
            continue  # half of this month's records still wait for the editor
        low = services.coefficient_rate_for(record.kind, record.work_date)
        if low is None:
            continue
        coefficient = low.coefficient_min + Decimal(record.pk % 3) * Decimal("0.5")
        coefficient = min(coefficient, low.coefficient_max)
        services.record_propose(
            record=record, coefficient=coefficient, note="Đề xuất theo khung", actor=secretary
        )
    proposed = services.RoyaltyRecord.objects.filter(status=RecordStatus.PROPOSED, period__lte=last_month)
    for record in proposed.order_by("pk"):
        services.record_decide(record=record, decision=services.Decision.APPROVE, actor=head)

    if not Statement.objects.filter(year=last_month.year, month=last_month.month).exists():
        statement = services.statement_generate(year=last_month.year, month=last_month.month, actor=office)
        if statement.records.exists():
            services.statement_pay(
                statement=statement,
                paid_on=min(today, this_month + dt.timedelta(days=4)),
                reference=f"UNC {last_month.month:02d}/{last_month.year}-NB",
                actor=office,
            )
    command.stdout.write("Royalties: records for published items, last month's statement paid.")
