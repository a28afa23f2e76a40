"""Counting tin and bài per unit and month: the one place the dashboard, exports, tasks and tests use.

What counts (Hà Tĩnh 1148/STP-PBGDPL points 1, 4):
- "sent": an item whose `submitted_at` falls in the month, in any status but draft;
- "published": an item whose `published_at` falls in the month and which is
  published (or was, and has since been unpublished);
- `tin` is ItemKind.TIN; `bài` is ItemKind.BAI and ItemKind.RESEARCH (an
  in-depth research article is a bài, as Hà Tĩnh 1148 asks for more of them);
- "late": an item due in the month (`due_at`) published after its deadline, or
  not published although the deadline has passed (rejected items excepted).

Months are calendar months in Asia/Ho_Chi_Minh (core.workdays.month_bounds).
A closed month is read from its MonthSnapshot, so a report already presented
does not change when an item moves to another unit or a rule changes.
Every report is a fixed number of aggregate queries, however many units.
"""

import calendar
import datetime as dt
import importlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Item, ItemKind, ItemStatus
from core.workdays import LOCAL_TZ, local, month_bounds
from organisation.models import Unit
from organisation.roles import BOARD_ROLES, Role, user_has_role

from .models import CountBasis, MonthSnapshot, MonthSnapshotRow, QuotaExemption, QuotaRule

TIN_KINDS = (ItemKind.TIN,)
BAI_KINDS = (ItemKind.BAI, ItemKind.RESEARCH)
PUBLISHED_STATES = (ItemStatus.PUBLISHED, ItemStatus.UNPUBLISHED)
MEASURES = ("sent_tin", "sent_bai", "published_tin", "published_bai", "late")
DEFAULT_REPORT_UNIT = "Phòng Phổ biến, giáo dục pháp luật"


FEEDBACK_LABELS = {
    "total": _("Readers' feedback"),
    "received": _("Questions and feedback received"),
    "answered": _("Answered"),
    "answered_on_time": _("Answered on time"),
    "late": _("Late"),
    "comments": _("Comments on draft documents"),
}


def today():
    return local(timezone.now()).date()


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month in local time; `str()` is the `?thang=` form, 2026-11."""

    year: int
    month: int

    def __post_init__(self):
        if not (1 <= self.month <= 12 and 2000 <= self.year <= 2100):
            raise ValueError("month out of range")

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, day):
        return cls(day.year, day.month)

    @classmethod
    def current(cls):
        return cls.of(today())

    @classmethod
    def parse(cls, value):
        """Month from "2026-11" (or "11/2026"); None if malformed."""
        value = (value or "").strip()
        try:
            if "/" in value:
                month, year = value.split("/", 1)
            else:
                year, month = value.split("-", 1)
            return cls(int(year), int(month))
        except (ValueError, TypeError):
            return None

    @property
    def label(self):
        return f"{self.month:02d}/{self.year}"

    @property
    def bounds(self):
        return month_bounds(self.year, self.month)

    @property
    def first_day(self):
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self):
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self):
        return calendar.monthrange(self.year, self.month)[1]

    def shift(self, months):
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def is_future(self, on=None):
        return self > Month.of(on or today())

    def is_over(self, on=None):
        return self < Month.of(on or today())


def months_between(first, last):
    months, month = [], first
    while month <= last:
        months.append(month)
        month = month.shift(1)
    return months


# --- The counting rules, each defined once.

def _sent_q(start, end):
    return Q(submitted_at__gte=start, submitted_at__lt=end) & ~Q(status=ItemStatus.DRAFT)


def _published_q(start, end):
    return Q(published_at__gte=start, published_at__lt=end, status__in=PUBLISHED_STATES)


def _late_q(start, end, now):
    overdue = Q(published_at__gt=F("due_at")) | Q(published_at__isnull=True, due_at__lt=now)
    return (
        Q(due_at__gte=start, due_at__lt=end)
        & ~Q(status__in=[ItemStatus.DRAFT, ItemStatus.REJECTED])
        & overdue
    )


def measure_filters(month, now=None):
    """{measure: Q} for one month; the drill-down, the counts and the snapshots share them."""
    start, end = month.bounds
    now = now or timezone.now()
    sent, published = _sent_q(start, end), _published_q(start, end)
    tin, bai = Q(kind__in=TIN_KINDS), Q(kind__in=BAI_KINDS)
    return {
        "sent_tin": sent & tin,
        "sent_bai": sent & bai,
        "published_tin": published & tin,
        "published_bai": published & bai,
        "late": _late_q(start, end, now),
    }


def _counted_items(month, unit_ids, now):
    filters = measure_filters(month, now)
    items = Item.objects.filter(unit__isnull=False).filter(reduce(or_, filters.values()))
    if unit_ids is not None:
        items = items.filter(unit_id__in=unit_ids)
    return items, filters


def unit_counts(month, unit_ids=None, now=None):
    """{unit_id: {measure: n}} for a month in ONE query (conditional aggregation)."""
    items, filters = _counted_items(month, unit_ids, now)
    rows = (
        items.order_by()
        .values("unit_id")
        .annotate(**{name: Count("pk", filter=q) for name, q in filters.items()})
    )
    return {row.pop("unit_id"): row for row in rows}


def unit_item_ids(month, unit_ids=None, now=None):
    """{unit_id: {measure: [item ids]}} in ONE query, stored in a snapshot for its drill-down."""
    items, filters = _counted_items(month, unit_ids, now)
    flags = {f"is_{name}": ExpressionWrapper(q, output_field=BooleanField()) for name, q in filters.items()}
    result = {}
    for row in items.order_by("pk").annotate(**flags).values("pk", "unit_id", *flags):
        cells = result.setdefault(row["unit_id"], {name: [] for name in MEASURES})
        for name in MEASURES:
            if row[f"is_{name}"]:
                cells[name].append(row["pk"])
    return result


# --- Targets: rules and exemptions.

class RuleBook:
    """The rules overlapping a period, resolved per unit and month without more queries.

    A rule for the unit beats the rule for its kind; if two rules of the same
    target touch a month (one ends, the next starts), the later one applies.
    """

    def __init__(self, first_day, last_day):
        self.rules = list(
            QuotaRule.objects.filter(valid_from__lte=last_day)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first_day))
            .order_by("valid_from", "pk")
        )

    def rule_for(self, unit_id, unit_kind, month):
        chosen_unit = chosen_kind = None
        for rule in self.rules:
            if rule.valid_from > month.last_day or (rule.valid_until and rule.valid_until < month.first_day):
                continue
            if rule.unit_id == unit_id:
                chosen_unit = rule
            elif rule.unit_id is None and rule.unit_kind == unit_kind:
                chosen_kind = rule
        return chosen_unit or chosen_kind


def exemptions_for(year, month=None):
    """{(unit_id, month): reason} for a month or a whole year, in one query."""
    rows = QuotaExemption.objects.filter(year=year)
    if month is not None:
        rows = rows.filter(month=month)
    return {(e.unit_id, e.month): e.reason for e in rows.only("unit_id", "month", "reason")}


# --- Results.

class Status:
    """A traffic light with words: colour is never the only signal."""

    def __init__(self, code, label, css, symbol):
        self.code, self.label, self.css, self.symbol = code, label, css, symbol

    def __str__(self):
        return str(self.label)

    def __eq__(self, other):
        return isinstance(other, Status) and other.code == self.code

    def __hash__(self):
        return hash(self.code)


MET = Status("met", _("Met"), "met", "✓")
ON_TRACK = Status("on_track", _("On track"), "on-track", "→")
BEHIND = Status("behind", _("Behind pace"), "behind", "!")
PARTLY = Status("partly", _("Partly met"), "partly", "!")
MISSED = Status("missed", _("Not met"), "missed", "✗")
EXEMPT = Status("exempt", _("Exempted"), "exempt", "–")
NO_TARGET = Status("no_target", _("No target"), "none", "–")
STATUSES = (MET, ON_TRACK, BEHIND, PARTLY, MISSED, EXEMPT, NO_TARGET)


@dataclass
class UnitResult:
    unit_id: int | None
    unit_name: str
    unit_kind: str
    month: Month
    sent_tin: int = 0
    sent_bai: int = 0
    published_tin: int = 0
    published_bai: int = 0
    late: int | None = 0
    target_tin: int | None = None
    target_bai: int | None = None
    basis: str = CountBasis.SENT
    is_exempt: bool = False
    exemption_reason: str = ""
    royalty: int | None = None
    # Set for the month in progress: the share of it already gone (the pace).
    elapsed: float | None = None

    @property
    def counted_tin(self):
        return self.published_tin if self.basis == CountBasis.PUBLISHED else self.sent_tin

    @property
    def counted_bai(self):
        return self.published_bai if self.basis == CountBasis.PUBLISHED else self.sent_bai

    @property
    def has_target(self):
        return bool(self.target_tin or self.target_bai)

    @property
    def percent(self):
        """Share of the target reached; extra tin do not make up for missing bài."""
        if not self.has_target:
            return None
        tin, bai = self.target_tin or 0, self.target_bai or 0
        reached = min(self.counted_tin, tin) + min(self.counted_bai, bai)
        return round(100 * reached / (tin + bai))

    @property
    def is_met(self):
        return self.has_target and self.counted_tin >= (self.target_tin or 0) and self.counted_bai >= (
            self.target_bai or 0
        )

    @property
    def status(self):
        if self.is_exempt:
            return EXEMPT
        if not self.has_target:
            return NO_TARGET
        if self.is_met:
            return MET
        if self.elapsed is not None:
            return ON_TRACK if self.percent >= 100 * self.elapsed else BEHIND
        return PARTLY if self.percent >= 50 else MISSED

    @property
    def cells(self):
        """(measure, value) of the four counts, in table order, for drill-down links."""
        return [(name, getattr(self, name)) for name in MEASURES[:4]]

    @property
    def basis_label(self):
        return CountBasis(self.basis).label


def _result_from_row(row, month, elapsed=None):
    return UnitResult(
        unit_id=row.unit_id, unit_name=row.unit_name, unit_kind=row.unit_kind, month=month,
        sent_tin=row.sent_tin, sent_bai=row.sent_bai, published_tin=row.published_tin,
        published_bai=row.published_bai, late=row.late, target_tin=row.target_tin,
        target_bai=row.target_bai, basis=row.basis, is_exempt=row.is_exempt,
        exemption_reason=row.exemption_reason, elapsed=elapsed,
    )


def _elapsed(month, on):
    if Month.of(on) != month:
        return None
    return on.day / month.days


def _result(unit, month, counts, book, exemptions, elapsed):
    rule = book.rule_for(unit.pk, unit.kind, month)
    reason = exemptions.get((unit.pk, month.month))
    return UnitResult(
        unit_id=unit.pk, unit_name=unit.name, unit_kind=unit.kind, month=month,
        **{name: counts.get(name, 0) for name in MEASURES},
        target_tin=rule.min_tin if rule else None,
        target_bai=rule.min_bai if rule else None,
        basis=rule.basis if rule else CountBasis.SENT,
        is_exempt=reason is not None, exemption_reason=reason or "",
        elapsed=elapsed,
    )


@dataclass
class Totals:
    sent_tin: int = 0
    sent_bai: int = 0
    published_tin: int = 0
    published_bai: int = 0
    late: int = 0
    target_tin: int = 0
    target_bai: int = 0
    royalty: int | None = None
    met: int = 0
    not_met: int = 0

    @classmethod
    def of(cls, rows):
        totals = cls()
        for row in rows:
            for name in ("sent_tin", "sent_bai", "published_tin", "published_bai"):
                setattr(totals, name, getattr(totals, name) + getattr(row, name))
            totals.late += row.late or 0
            if not row.is_exempt:
                totals.target_tin += row.target_tin or 0
                totals.target_bai += row.target_bai or 0
            if row.royalty is not None:
                totals.royalty = (totals.royalty or 0) + row.royalty
            if row.status == MET:
                totals.met += 1
            elif row.status in (PARTLY, MISSED, BEHIND):
                totals.not_met += 1
        return totals


@dataclass
class MonthReport:
    month: Month
    rows: list
    snapshot: MonthSnapshot | None = None
    visits: int | None = None
    feedback: dict | None = None
    has_royalties: bool = False
    totals: Totals = field(default_factory=Totals)

    @property
    def is_closed(self):
        return bool(self.snapshot and self.snapshot.is_closed)

    @property
    def feedback_rows(self):
        """[(label, count)] of readers' feedback figures, labelled when the key is known."""
        return [(FEEDBACK_LABELS.get(key, key), count) for key, count in (self.feedback or {}).items()]


def _optional(module_name, function_name):
    """A function another app may provide (visits, feedback, royalties), or None if it doesn't yet."""
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function_name, None)


def month_extras(month):
    visits_for_month = _optional("articles.selectors", "visits_for_month")
    feedback_for_month = _optional("feedback.selectors", "feedback_counts_for_month")
    visits = visits_for_month(month.year, month.month) if visits_for_month else None
    feedback = feedback_for_month(month.year, month.month) if feedback_for_month else None
    if feedback is not None and not isinstance(feedback, dict):
        feedback = {"total": feedback}
    return visits, feedback


def month_live_results(month, units, now=None, *, every_unit=False):
    """UnitResults computed from the items now (4 queries: units are already a list).

    `every_unit`: `units` are all the active units, so the count need not list their ids
    (200 parameters to send and parse per request); rows of other units are simply not used.
    """
    now = now or timezone.now()
    counts = unit_counts(month, None if every_unit else [unit.pk for unit in units], now)
    book = RuleBook(month.first_day, month.last_day)
    exemptions = exemptions_for(month.year, month.month)
    elapsed = _elapsed(month, local(now).date())
    return [_result(unit, month, counts.get(unit.pk, {}), book, exemptions, elapsed) for unit in units]


def month_report(month, *, units=None, with_extras=False, with_royalties=False, now=None, active_units=None):
    """The month's table: snapshot if the month is closed, live counts otherwise.

    `units`: the units the reader may see (None: every active unit). `active_units`: with
    units=None, the caller's list of every active unit (units_for_report()) if it has one, to
    spare reading them again. Queries: 1 (snapshot) + 1 (its rows) when closed; 1 + 1 (units,
    unless given) + 3 when live.
    """
    snapshot = MonthSnapshot.objects.filter(year=month.year, month=month.month).first()
    unit_ids = None if units is None else [unit.pk for unit in units]
    if snapshot is not None and snapshot.is_closed:
        # Not the ids of the items behind each cell (the drill-down's JSON): not shown here.
        rows = snapshot.rows.defer("item_ids")
        if unit_ids is not None:
            rows = rows.filter(unit_id__in=unit_ids)
        results = [_result_from_row(row, month) for row in rows]
        visits, feedback = snapshot.visits, snapshot.feedback_counts
        if with_extras and visits is None and feedback is None:
            visits, feedback = month_extras(month)
    else:
        if units is not None:
            unit_list = list(units)
        else:
            unit_list = list(active_units) if active_units is not None else units_for_report()
        results = month_live_results(month, unit_list, now, every_unit=units is None)
        visits, feedback = month_extras(month) if with_extras else (None, None)
    has_royalties = False
    if with_royalties:
        royalty_totals = _optional("royalties.selectors", "royalty_totals_by_unit")
        if royalty_totals is not None:
            has_royalties = True
            amounts = royalty_totals(month.year, month.month) or {}
            for result in results:
                result.royalty = amounts.get(result.unit_id, 0)
    return MonthReport(
        month=month, rows=results, snapshot=snapshot, visits=visits, feedback=feedback,
        has_royalties=has_royalties, totals=Totals.of(results),
    )


def cell_items(month, unit_id, measure, now=None):
    """The items behind one cell of the table (drill-down); a closed month lists what it counted."""
    if measure not in MEASURES:
        raise ValueError(measure)
    row = (
        MonthSnapshotRow.objects.filter(
            snapshot__year=month.year, snapshot__month=month.month, snapshot__is_closed=True, unit_id=unit_id
        )
        .only("item_ids")
        .first()
    )
    items = Item.objects.select_related("unit", "category")
    if row is not None:
        return items.filter(pk__in=row.item_ids.get(measure, [])).order_by("-submitted_at", "-pk")
    if MonthSnapshot.objects.filter(year=month.year, month=month.month, is_closed=True).exists():
        return items.none()  # the unit had no row when the month was closed
    return items.filter(unit_id=unit_id).filter(measure_filters(month, now)[measure]).order_by(
        "-submitted_at", "-pk"
    )


# --- Series over several months: trend charts and the yearly ranking.

@dataclass
class MonthFigures:
    sent_tin: int = 0
    sent_bai: int = 0
    published_tin: int = 0
    published_bai: int = 0

    @property
    def sent(self):
        return self.sent_tin + self.sent_bai

    @property
    def published(self):
        return self.published_tin + self.published_bai


def _local_year_month(field_name):
    return {
        "y": ExtractYear(field_name, tzinfo=LOCAL_TZ),
        "m": ExtractMonth(field_name, tzinfo=LOCAL_TZ),
    }


def _month_runs(months):
    """Consecutive months grouped into runs: [[Jan, Feb], [Jun]] for Jan, Feb, Jun."""
    runs = []
    for month in months:
        if runs and runs[-1][-1].shift(1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


class ClosedRow(SimpleNamespace):
    """A MonthSnapshotRow's figures as read by monthly_series, with its `month`."""

    FIELDS = ("unit_id", "unit_name", "unit_kind", "sent_tin", "sent_bai", "published_tin", "published_bai",
              "late", "target_tin", "target_bai", "basis", "is_exempt", "exemption_reason")


# --- Closed months kept in worker memory.
#
# A closed month's snapshot rows change only when the month is closed again, so the ranking and
# the trend read them from memory after the first request (2,400 rows a year at 200 units took a
# good part of both pages' time). Entries are keyed by the shared snapshot generation (bumped by
# services on close and reopen) AND by what the closed snapshots are now (id, closed_at, last
# close/reopen event): one small query every request, so a change made by another worker, or
# by hand, is seen at once.

SNAPSHOT_GENERATION_KEY = "quotas:snapshot-generation"
CLOSED_MEMORY_SIZE = 16
_closed_memory = OrderedDict()
_closed_memory_lock = threading.Lock()


def snapshot_generation():
    """The shared generation of closed-month figures; None if the cache is unreachable."""
    try:
        generation = cache.get(SNAPSHOT_GENERATION_KEY)
        if generation is None:
            # A number never used before: an emptied cache must not bring back an old generation.
            cache.add(SNAPSHOT_GENERATION_KEY, time.time_ns() // 1000, None)
            generation = cache.get(SNAPSHOT_GENERATION_KEY)
        return generation
    except Exception:
        return None


def snapshot_generation_bump():
    """Called by services after a month is closed or reopened."""
    try:
        cache.incr(SNAPSHOT_GENERATION_KEY)
    except Exception:  # missing key (then the next read starts a new number) or no cache
        try:
            cache.delete(SNAPSHOT_GENERATION_KEY)
        except Exception:
            pass


def closed_memory_clear():
    with _closed_memory_lock:
        _closed_memory.clear()


def _closed_snapshots(first, last):
    """((id, year, month, closed_at, last event id), ...) of the closed months in the range: one query."""
    months = months_between(first, last)
    return tuple(
        MonthSnapshot.objects.filter(is_closed=True)
        .filter(reduce(or_, (Q(year=m.year, month=m.month) for m in months)))
        .annotate(last_event=Max("events__id"))
        .order_by("year", "month")
        .values_list("id", "year", "month", "closed_at", "last_event")
    )


def _closed_part(snapshots, unit_ids, with_rows):
    """({(unit_id, Month): MonthFigures}, [ClosedRow]) of the closed snapshots, from memory or one query.

    What is returned is shared between requests: callers must not change it.
    """
    key = (snapshot_generation(), snapshots, None if unit_ids is None else tuple(sorted(unit_ids)), with_rows)
    with _closed_memory_lock:
        found = _closed_memory.get(key)
        if found is not None:
            _closed_memory.move_to_end(key)
            return found
    series, closed_rows = {}, []
    if snapshots:
        rows = MonthSnapshotRow.objects.filter(snapshot_id__in=[s[0] for s in snapshots])
        if unit_ids is not None:
            rows = rows.filter(unit_id__in=unit_ids)
        if with_rows:
            # Plain rows, not model instances: a year of 200 units is 2,400 rows, and building models
            # for them took a third of the ranking page's time (docs/performance.md).
            closed_rows = [
                ClosedRow(month=Month(row.pop("snapshot__year"), row.pop("snapshot__month")), **row)
                for row in rows.order_by("order", "unit_name")
                .values("snapshot__year", "snapshot__month", *ClosedRow.FIELDS)
            ]
            for row in closed_rows:
                series[(row.unit_id, row.month)] = MonthFigures(
                    row.sent_tin, row.sent_bai, row.published_tin, row.published_bai
                )
        else:
            # The charts need the four figures only.
            months = {(year, number): Month(year, number) for _id, year, number, _at, _event in snapshots}
            for year, number, unit_id, *figures in rows.order_by().values_list(
                "snapshot__year", "snapshot__month", "unit_id",
                "sent_tin", "sent_bai", "published_tin", "published_bai",
            ):
                series[(unit_id, months[(year, number)])] = MonthFigures(*figures)
    found = (series, closed_rows)
    with _closed_memory_lock:
        _closed_memory[key] = found
        while len(_closed_memory) > CLOSED_MEMORY_SIZE:
            _closed_memory.popitem(last=False)
    return found


def monthly_series(first, last, unit_ids=None, *, with_rows=True):
    """({(unit_id, Month): MonthFigures}, [ClosedRow of the closed months]) in at most 4 queries.

    Closed months come from their snapshots (kept in memory, see _closed_part), the open ones
    from the items (2 queries, none when every month of the range is closed).
    `with_rows=False` (the trend charts) returns no ClosedRow, only the figures.
    The ClosedRows and MonthFigures of closed months are shared between requests: read only.
    """
    snapshots = _closed_snapshots(first, last)
    closed_series, closed_rows = _closed_part(snapshots, unit_ids, with_rows)
    # A closed month without rows (no units then) is still closed.
    closed = {Month(year, number) for _id, year, number, _at, _event in snapshots}
    series = dict(closed_series)
    # Only the open months are counted live (usually just the current one): aggregating the whole
    # range and dropping closed months afterwards read 309,000 items for 28,000 (docs/performance.md).
    open_runs = _month_runs([m for m in months_between(first, last) if m not in closed])
    if not open_runs:
        return series, closed_rows
    items = Item.objects.filter(unit__isnull=False)
    if unit_ids is not None:
        items = items.filter(unit_id__in=unit_ids)
    tin, bai = Q(kind__in=TIN_KINDS), Q(kind__in=BAI_KINDS)
    for prefix, rule, field_name in (
        ("sent", _sent_q, "submitted_at"),
        ("published", _published_q, "published_at"),
    ):
        condition = reduce(or_, (rule(run[0].bounds[0], run[-1].bounds[1]) for run in open_runs))
        rows = (
            items.filter(condition).filter(tin | bai)
            .annotate(**_local_year_month(field_name))
            .order_by()
            .values("unit_id", "y", "m")
            # unit_id (never NULL here) rather than pk: every column then lives in the
            # item_quota_* indexes and PostgreSQL counts with an index-only scan.
            .annotate(tin=Count("unit_id", filter=tin), bai=Count("unit_id", filter=bai))
        )
        for row in rows:
            month = Month(row["y"], row["m"])
            if month in closed:
                continue
            figures = series.setdefault((row["unit_id"], month), MonthFigures())
            setattr(figures, f"{prefix}_tin", row["tin"])
            setattr(figures, f"{prefix}_bai", row["bai"])
    return series, closed_rows


@dataclass
class Trend:
    months: list
    by_unit: dict  # unit_id -> [MonthFigures per month]
    department: list  # [MonthFigures per month]

    @property
    def department_rows(self):
        return list(zip(self.months, self.department, strict=True))


def trend(last, unit_ids=None, length=12):
    """Sent and published tin + bài for the `length` months ending with `last`."""
    first = last.shift(-(length - 1))
    months = months_between(first, last)
    series, _rows = monthly_series(first, last, unit_ids, with_rows=False)
    by_unit, department = {}, [MonthFigures() for _ in months]
    index = {month: i for i, month in enumerate(months)}
    for (unit_id, month), figures in series.items():
        unit_figures = by_unit.get(unit_id)
        if unit_figures is None:
            unit_figures = by_unit[unit_id] = [MonthFigures() for _ in months]
        position = index[month]
        unit_figures[position] = figures
        total = department[position]
        total.sent_tin += figures.sent_tin
        total.sent_bai += figures.sent_bai
        total.published_tin += figures.published_tin
        total.published_bai += figures.published_bai
    return Trend(months=months, by_unit=by_unit, department=department)


@dataclass
class RankingRow:
    """A unit's year; the figures are worked out once (the page and the sort read each several times)."""

    unit_id: int
    unit_name: str
    unit_kind: str
    results: list  # UnitResult per month of the year that is over
    rank: int = 0

    @cached_property
    def statuses(self):
        return [r.status for r in self.results]

    @cached_property
    def months_met(self):
        return self.statuses.count(MET)

    @cached_property
    def months_missed(self):
        return sum(1 for status in self.statuses if status in (PARTLY, MISSED))

    @cached_property
    def months_exempt(self):
        return self.statuses.count(EXEMPT)

    def _sum(self, name):
        return sum(getattr(r, name) for r in self.results)

    @cached_property
    def sent_tin(self):
        return self._sum("sent_tin")

    @cached_property
    def sent_bai(self):
        return self._sum("sent_bai")

    @cached_property
    def published_tin(self):
        return self._sum("published_tin")

    @cached_property
    def published_bai(self):
        return self._sum("published_bai")

    @cached_property
    def average_percent(self):
        percents = [p for r in self.results if not r.is_exempt and (p := r.percent) is not None]
        return round(sum(percents) / len(percents)) if percents else None


class KeptResult(UnitResult):
    """A closed month's UnitResult kept in memory with its row: never changed, so its percent
    and status are worked out once (the ranking reads 2,400 of them per request)."""

    percent = cached_property(UnitResult.percent.fget)
    status = cached_property(UnitResult.status.fget)


def _closed_result(row):
    """The UnitResult of a closed month's row, made once: the rows are kept in memory (read only)."""
    result = getattr(row, "result", None)
    if result is None:
        result = row.result = KeptResult(
            unit_id=row.unit_id, unit_name=row.unit_name, unit_kind=row.unit_kind, month=row.month,
            sent_tin=row.sent_tin, sent_bai=row.sent_bai, published_tin=row.published_tin,
            published_bai=row.published_bai, late=row.late, target_tin=row.target_tin,
            target_bai=row.target_bai, basis=row.basis, is_exempt=row.is_exempt,
            exemption_reason=row.exemption_reason,
        )
    return result


def year_ranking(year, *, units=None, on=None):
    """Emulation (thi đua) view: months met and missed per unit over the months of `year` that are over.

    Hà Tĩnh 1148 point 3: the monthly results feed the annual emulation
    ranking. Queries: units 1, rules 1, exemptions 1, series 4 — for any number of units.
    """
    on = on or today()
    first = Month(year, 1)
    last = min(Month(year, 12), Month.of(on).shift(-1))
    unit_list = list(units) if units is not None else units_for_report()
    if last < first:
        return [RankingRow(u.pk, u.name, u.kind, []) for u in unit_list], []
    months = months_between(first, last)
    unit_ids = [u.pk for u in unit_list]
    series, closed_rows = monthly_series(first, last, None if units is None else unit_ids)
    snapshot_rows = {(r.unit_id, r.month): r for r in closed_rows}
    closed_months = {month for (_unit, month) in snapshot_rows}
    book = RuleBook(first.first_day, last.last_day)
    exemptions = exemptions_for(year)
    ranking = []
    for unit in unit_list:
        results = []
        for month in months:
            row = snapshot_rows.get((unit.pk, month))
            if row is not None:
                results.append(_closed_result(row))
                continue
            if month in closed_months:
                continue  # the unit did not exist when that month was closed
            figures = series.get((unit.pk, month), MonthFigures())
            result = _result(unit, month, vars(figures), book, exemptions, None)
            result.late = None
            results.append(result)
        ranking.append(RankingRow(unit.pk, unit.name, unit.kind, results))
    ranking.sort(
        key=lambda r: (-r.months_met, -(r.average_percent or 0), -(r.sent_tin + r.sent_bai), r.unit_name)
    )
    previous, rank = None, 0
    for position, row in enumerate(ranking, start=1):
        key = (row.months_met, row.average_percent)
        if key != previous:
            rank, previous = position, key
        row.rank = rank
    return ranking, months


# --- Trà Vinh's appendix: items published per year, per category and per unit.

@dataclass
class YearTable:
    years: list
    by_category: list  # [(name, [n per year], total)]
    by_unit: list
    totals: list


def published_by_year(last_year, count=3):
    """Items published in each of `count` years up to `last_year`, per category and per unit (2 queries)."""
    years = list(range(last_year - count + 1, last_year + 1))
    start = month_bounds(years[0], 1)[0]
    end = month_bounds(years[-1], 12)[1]
    items = (
        Item.objects.filter(published_at__gte=start, published_at__lt=end, status__in=PUBLISHED_STATES)
        .annotate(y=ExtractYear("published_at", tzinfo=LOCAL_TZ))
        .order_by()
    )
    no_category, no_unit = str(_("(no category)")), str(_("(no unit)"))

    def table(key, name_field, fallback):
        rows = {}
        for row in items.values(key, name_field, "y").annotate(n=Count("pk")):
            entry = rows.setdefault(row[key], [row[name_field] or fallback, [0] * len(years)])
            entry[1][years.index(row["y"])] = row["n"]
        return sorted(((name, counts, sum(counts)) for name, counts in rows.values()), key=lambda r: r[0])

    by_category = table("category_id", "category__name", no_category)
    by_unit = table("unit_id", "unit__name", no_unit)
    totals = [sum(row[1][i] for row in by_category) for i in range(len(years))]
    return YearTable(years=years, by_category=by_category, by_unit=by_unit, totals=totals)


# --- Who may see what.

def units_ordered(units):
    """Units of the department first, then district offices (Hà Tĩnh 1148 points 1 and 4)."""
    return sorted(units, key=lambda u: (u.kind != Unit.Kind.INTERNAL, u.order, u.name))


def units_for_report():
    return units_ordered(Unit.objects.filter(is_active=True))


def sees_all_units(user):
    """Leadership, the board and the legal-dissemination office staff see every unit."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user_has_role(user, Role.LEADERSHIP, *BOARD_ROLES):
        return True
    name = getattr(settings, "QUOTAS_REPORT_UNIT", DEFAULT_REPORT_UNIT)
    return Unit.objects.filter(name=name, staff__user=user).exists()


def visible_units(user):
    """(sees every unit?, [units whose figures the user may see]); no units: the view answers 403.

    A unit leader sees the units they lead (guardian object permission
    organisation.lead_unit), nothing else.
    """
    if sees_all_units(user):
        return True, units_for_report()
    if not user.is_authenticated or not user_has_role(user, Role.UNIT_LEADER):
        return False, []
    from guardian.shortcuts import get_objects_for_user

    led = get_objects_for_user(user, "organisation.lead_unit", klass=Unit, accept_global_perms=False)
    return False, units_ordered(led.filter(is_active=True))


def report_recipients():
    """Leadership and the legal-dissemination office: who receive the summary of a closed month."""
    from django.contrib.auth import get_user_model

    name = getattr(settings, "QUOTAS_REPORT_UNIT", DEFAULT_REPORT_UNIT)
    return list(
        get_user_model().objects.filter(is_active=True).filter(
            Q(groups__name=Role.LEADERSHIP) | Q(profile__unit__name=name) | Q(led_units__name=name)
        ).distinct()
    )


def reminder_day():
    return int(getattr(settings, "QUOTAS_REMINDER_DAY", 15))
