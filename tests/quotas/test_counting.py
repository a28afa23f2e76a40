"""What counts for a month: sent and published tin and bài, late items, local-time month boundaries."""

import datetime as dt

import pytest
import time_machine

from articles.models import ItemKind, ItemStatus
from quotas.selectors import Month, cell_items, month_report, unit_counts

from .factories import at, published, sent

pytestmark = pytest.mark.django_db


def counts(unit, year, month):
    return unit_counts(Month(year, month), [unit.pk]).get(unit.pk, {})


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_sent_and_published_are_counted_separately_by_kind(unit):
    sent(unit, at(2026, 11, 3))
    sent(unit, at(2026, 11, 4), kind=ItemKind.BAI)
    published(unit, at(2026, 11, 5))
    published(unit, at(2026, 11, 6), kind=ItemKind.BAI)
    assert counts(unit, 2026, 11) == {
        "sent_tin": 2, "sent_bai": 2, "published_tin": 1, "published_bai": 1, "late": 0,
    }


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_research_articles_count_as_bai_and_photos_do_not_count(unit):
    sent(unit, at(2026, 11, 3), kind=ItemKind.RESEARCH)
    sent(unit, at(2026, 11, 3), kind=ItemKind.PHOTO)
    sent(unit, at(2026, 11, 3), kind=ItemKind.DOCUMENT)
    result = counts(unit, 2026, 11)
    assert result["sent_bai"] == 1 and result["sent_tin"] == 0


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_drafts_are_not_sent_but_returned_and_rejected_items_were(unit):
    sent(unit, at(2026, 11, 3), status=ItemStatus.DRAFT)
    sent(unit, at(2026, 11, 3), status=ItemStatus.RETURNED)
    sent(unit, at(2026, 11, 3), status=ItemStatus.REJECTED)
    assert counts(unit, 2026, 11)["sent_tin"] == 2


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_an_unpublished_item_still_counts_as_published_in_its_month(unit):
    item = published(unit, at(2026, 11, 5))
    item.status = ItemStatus.UNPUBLISHED
    item.save()
    assert counts(unit, 2026, 11)["published_tin"] == 1


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_an_item_sent_in_october_and_published_in_november_counts_in_each(unit):
    published(unit, at(2026, 11, 2), sent_at=at(2026, 10, 30))
    assert counts(unit, 2026, 10)["sent_tin"] == 1
    assert counts(unit, 2026, 10)["published_tin"] == 0
    assert counts(unit, 2026, 11)["published_tin"] == 1
    assert counts(unit, 2026, 11)["sent_tin"] == 0


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_late_items_are_published_after_or_still_waiting_past_their_deadline(unit):
    published(unit, at(2026, 11, 6), due_at=at(2026, 11, 5))  # late
    published(unit, at(2026, 11, 4), due_at=at(2026, 11, 5))  # on time
    sent(unit, at(2026, 11, 9), due_at=at(2026, 11, 10))  # still waiting, deadline passed: late
    sent(unit, at(2026, 11, 19), due_at=at(2026, 11, 25))  # deadline still ahead
    sent(unit, at(2026, 11, 9), status=ItemStatus.REJECTED, due_at=at(2026, 11, 10))  # rejected: not late
    assert counts(unit, 2026, 11)["late"] == 2


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_items_without_a_unit_or_of_other_units_are_not_counted(unit, other_unit):
    sent(None, at(2026, 11, 3))
    sent(other_unit, at(2026, 11, 3))
    assert counts(unit, 2026, 11) == {}


# --- Month boundaries in Asia/Ho_Chi_Minh (UTC+7).

@time_machine.travel(at(2026, 11, 20), tick=False)
def test_an_item_sent_at_2330_local_on_the_31st_counts_for_that_month(unit):
    sent(unit, at(2026, 10, 31, 23, 30))  # 16:30 UTC on the 31st
    sent(unit, at(2026, 11, 1, 0, 10))  # 17:10 UTC on 31 October, but November locally
    assert counts(unit, 2026, 10)["sent_tin"] == 1
    assert counts(unit, 2026, 11)["sent_tin"] == 1


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_quarter_boundary_splits_31_march_from_1_april(unit):
    published(unit, at(2026, 3, 31, 23, 59))
    published(unit, at(2026, 4, 1, 0, 0))
    assert counts(unit, 2026, 3)["published_tin"] == 1
    assert counts(unit, 2026, 4)["published_tin"] == 1


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_year_boundary_splits_31_december_from_1_january(unit):
    sent(unit, at(2025, 12, 31, 23, 30))
    sent(unit, at(2026, 1, 1, 0, 0))
    assert counts(unit, 2025, 12)["sent_tin"] == 1
    assert counts(unit, 2026, 1)["sent_tin"] == 1


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_29_february_of_a_leap_year_belongs_to_february(unit):
    sent(unit, at(2024, 2, 29, 23, 30))
    sent(unit, at(2024, 3, 1, 0, 5))
    assert Month(2024, 2).days == 29 and Month(2025, 2).days == 28
    assert counts(unit, 2024, 2)["sent_tin"] == 1
    assert counts(unit, 2024, 3)["sent_tin"] == 1


@time_machine.travel(at(2024, 2, 29, 12), tick=False)
def test_on_29_february_the_month_in_progress_is_complete_in_pace(unit):
    for day in (1, 2, 3, 5, 6):
        sent(unit, at(2024, 2, day))
    sent(unit, at(2024, 2, 7), kind=ItemKind.BAI)
    row = month_report(Month(2024, 2), units=[unit]).rows[0]
    assert row.elapsed == 1.0
    assert row.status.code == "behind"  # 6 of 7 on the last day


def test_months_parse_and_shift_across_years():
    assert Month.parse("2026-11") == Month(2026, 11)
    assert Month.parse("11/2026") == Month(2026, 11)
    for bad in ("", "2026", "2026-13", "abc-def", "2026-00", "99999-01", "2026-1-1"):
        assert Month.parse(bad) is None, bad
    assert Month(2026, 1).shift(-1) == Month(2025, 12)
    assert Month(2025, 12).shift(1) == Month(2026, 1)
    assert Month(2026, 11).shift(-11) == Month(2025, 12)
    assert Month(2024, 2).last_day == dt.date(2024, 2, 29)


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_drill_down_lists_the_items_behind_a_cell(unit):
    wanted = sent(unit, at(2026, 11, 3), kind=ItemKind.BAI, title="Bài về hòa giải cơ sở")
    sent(unit, at(2026, 11, 3), title="Tin khác")
    assert list(cell_items(Month(2026, 11), unit.pk, "sent_bai")) == [wanted]
