"""Only open months are counted from the items; closed months never touch the item table."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ItemKind
from quotas.selectors import Month, _month_runs, monthly_series
from quotas.services import quota_month_close
from tests.factories import UnitFactory

from .factories import at, published, sent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(at(2026, 11, 20, 9), tick=False):
        yield


def test_month_runs_group_consecutive_months():
    months = [Month(2025, 12), Month(2026, 1), Month(2026, 3)]
    assert _month_runs(months) == [[Month(2025, 12), Month(2026, 1)], [Month(2026, 3)]]


def test_a_range_of_closed_months_reads_no_items():
    unit = UnitFactory()
    sent(unit, at(2026, 9, 3))
    quota_month_close(year=2026, month=9)
    quota_month_close(year=2026, month=10)
    with CaptureQueriesContext(connection) as queries:
        series, _rows = monthly_series(Month(2026, 9), Month(2026, 10), [unit.pk])
    assert len(queries) == 2 and not any("articles_item" in q["sql"] for q in queries)
    assert series[(unit.pk, Month(2026, 9))].sent_tin == 1


def test_an_open_month_between_closed_ones_is_counted_live_and_the_closed_keep_their_snapshot():
    unit = UnitFactory()
    sent(unit, at(2026, 8, 5))
    quota_month_close(year=2026, month=8)
    sent(unit, at(2026, 8, 6))  # after closing: the closed August keeps its 1
    sent(unit, at(2026, 9, 5))  # September stays open
    published(unit, at(2026, 9, 7), kind=ItemKind.BAI)
    quota_month_close(year=2026, month=10)
    sent(unit, at(2026, 10, 8))  # after closing October
    series, _rows = monthly_series(Month(2026, 8), Month(2026, 11), [unit.pk])
    assert series[(unit.pk, Month(2026, 8))].sent_tin == 1
    september = series[(unit.pk, Month(2026, 9))]
    assert september.sent_tin == 1 and september.published_bai == 1
    october = series.get((unit.pk, Month(2026, 10)))
    assert october is None or october.sent_tin == 0
