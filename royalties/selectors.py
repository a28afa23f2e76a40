"""Reads for royalties: who may see which records, statements grouped per person, totals per unit."""

import datetime as dt
from collections import defaultdict

from django.db.models import Q, Sum

from .models import RecordStatus, RoyaltyEvent, RoyaltyRecord, Statement

# Money that is owed or paid: what statements and totals count.
COUNTED = (RecordStatus.APPROVED, RecordStatus.PAID)


def can_see_all(user):
    return user.has_perm("royalties.view_royaltyrecord")


def can_propose(user):
    return user.has_perm("royalties.propose_royaltyrecord")


def can_approve(user):
    """Only the head of board decides royalty payments (Long An Điều 8.3.a)."""
    return user.has_perm("royalties.approve_royaltyrecord")


def can_prepare(user):
    return user.has_perm("royalties.prepare_statement")


def can_pay(user):
    """Only the department office pays (Hà Tĩnh 1148 point 2; Long An Điều 10)."""
    return user.has_perm("royalties.pay_statement")


def can_see_totals(user):
    return user.has_perm("royalties.view_royalty_totals")


def can_see_statements(user):
    return can_prepare(user) or can_pay(user) or can_approve(user) or can_see_totals(user)


def _with_related(queryset):
    return queryset.select_related("item", "unit", "recipient", "adjusts", "adjusts__statement", "statement")


def records_visible_to(user):
    """Everything for board, office and leadership; one's own records for everyone else."""
    if not user.is_authenticated:
        return RoyaltyRecord.objects.none()
    if can_see_all(user):
        return _with_related(RoyaltyRecord.objects.all())
    return _with_related(RoyaltyRecord.objects.filter(recipient=user))


def records_for_board(*, status=None, period=None, query=None):
    records = _with_related(RoyaltyRecord.objects.all()).order_by("-period", "-work_date", "-pk")
    if status:
        records = records.filter(status=status)
    if period:
        records = records.filter(period=period)
    if query:
        records = records.filter(Q(recipient_name__icontains=query) | Q(item__title__icontains=query))
    return records


def records_of(user, year, month):
    return _with_related(
        RoyaltyRecord.objects.filter(recipient=user, period=dt.date(year, month, 1))
    ).order_by("work_date", "pk")


def months_of(user):
    """The months (first days) in which the user has records, newest first."""
    return list(
        RoyaltyRecord.objects.filter(recipient=user)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()
    )


def record_history(record):
    return RoyaltyEvent.objects.filter(Q(record=record) | Q(record__adjusts=record)).select_related("actor")


def statement_get(year, month):
    return Statement.objects.filter(year=year, month=month).select_related("paid_by", "generated_by").first()


def statements_list():
    return Statement.objects.annotate(total=Sum("records__amount")).order_by("-year", "-month")


def statement_lines(statement):
    """The statement grouped by person: [{name, unit, records, total}], and the grand total.

    Each person's group keeps the order name → records by date; an adjusting
    record carries its original (`adjusts`) for display beside it.
    """
    people = {}
    for record in _with_related(statement.records.all()).order_by(
        "recipient_name", "recipient_key", "work_date", "pk"
    ):
        person = people.setdefault(
            record.recipient_key,
            {"name": record.recipient_name, "unit": record.unit, "records": [], "total": 0},
        )
        person["records"].append(record)
        person["total"] += record.amount
    lines = list(people.values())
    return lines, sum(person["total"] for person in lines)


def royalty_totals_by_unit(year, month):
    """{unit_id: amount in đồng} approved or paid for the month (records' month), for the quota dashboard."""
    rows = (
        RoyaltyRecord.objects.filter(period=dt.date(year, month, 1), status__in=COUNTED, unit__isnull=False)
        .values("unit_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["unit_id"]: int(row["total"] or 0) for row in rows}


def royalty_totals_by_unit_year(year):
    """{unit_id: {month: amount}} for a year, in one query (the leadership page)."""
    rows = (
        RoyaltyRecord.objects.filter(
            period__gte=dt.date(year, 1, 1), period__lte=dt.date(year, 12, 1), status__in=COUNTED
        )
        .values("unit_id", "period")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    totals = defaultdict(dict)
    for row in rows:
        totals[row["unit_id"]][row["period"].month] = int(row["total"] or 0)
    return totals
