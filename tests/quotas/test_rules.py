"""Quota rules: defaults, validation, which rule applies, traffic-light statuses."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from articles.models import ItemKind
from organisation.models import Unit
from quotas.models import QuotaRule
from quotas.selectors import Month, month_report
from quotas.services import quota_exemption_grant, quota_rule_create

from .factories import at, published, sent

pytestmark = pytest.mark.django_db


def test_default_rules_follow_ha_tinh_1148():
    internal = QuotaRule.objects.get(unit_kind=Unit.Kind.INTERNAL, unit=None)
    district = QuotaRule.objects.get(unit_kind=Unit.Kind.DISTRICT, unit=None)
    assert (internal.min_tin, internal.min_bai) == (5, 2)
    assert (district.min_tin, district.min_bai) == (2, 1)


@pytest.mark.parametrize("field, value", [("min_tin", -1), ("min_bai", -3), ("min_tin", 501), ("min_bai", 10_000)])
def test_negative_or_absurd_numbers_are_refused(unit, field, value):
    numbers = {"min_tin": 1, "min_bai": 1, field: value}
    with pytest.raises(ValidationError) as error:
        quota_rule_create(unit=unit, valid_from=dt.date(2026, 1, 1), **numbers)
    assert field in error.value.message_dict


def test_overlapping_rules_for_the_same_unit_are_refused_with_the_rule_named(unit):
    quota_rule_create(unit=unit, min_tin=3, min_bai=1, valid_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        quota_rule_create(unit=unit, min_tin=4, min_bai=1, valid_from=dt.date(2026, 6, 1))
    assert "3 tin, 1 bài" in " ".join(error.value.messages)


def test_a_rule_may_follow_another_that_has_ended(unit):
    first = quota_rule_create(unit=unit, min_tin=3, min_bai=1, valid_from=dt.date(2026, 1, 1),
                              valid_until=dt.date(2026, 5, 31))
    second = quota_rule_create(unit=unit, min_tin=4, min_bai=1, valid_from=dt.date(2026, 6, 1))
    assert first.pk and second.pk


def test_overlapping_rules_for_a_kind_are_refused():
    with pytest.raises(ValidationError):
        quota_rule_create(unit_kind=Unit.Kind.DISTRICT, min_tin=1, min_bai=1, valid_from=dt.date(2026, 1, 1))


def test_a_rule_names_a_kind_or_a_unit_not_both_nor_neither(unit):
    with pytest.raises(ValidationError):
        quota_rule_create(unit=unit, unit_kind=Unit.Kind.INTERNAL, min_tin=1, min_bai=1, valid_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        quota_rule_create(min_tin=1, min_bai=1, valid_from=dt.date(2026, 1, 1))


def test_a_rule_cannot_end_before_it_starts(unit):
    with pytest.raises(ValidationError) as error:
        quota_rule_create(unit=unit, min_tin=1, min_bai=1, valid_from=dt.date(2026, 5, 1),
                          valid_until=dt.date(2026, 4, 1))
    assert "valid_until" in error.value.message_dict


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_units_own_rule_overrides_the_rule_for_its_kind(unit, other_unit):
    quota_rule_create(unit=unit, min_tin=1, min_bai=1, valid_from=dt.date(2026, 1, 1),
                      source="Bình Phước Điều 9.4")
    rows = {r.unit_id: r for r in month_report(Month(2026, 10), units=[unit, other_unit]).rows}
    assert (rows[unit.pk].target_tin, rows[unit.pk].target_bai) == (1, 1)
    assert (rows[other_unit.pk].target_tin, rows[other_unit.pk].target_bai) == (2, 1)


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_month_before_any_rule_has_no_target(unit):
    row = month_report(Month(2021, 5), units=[unit]).rows[0]
    assert row.target_tin is None and row.status.code == "no_target" and row.percent is None


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_a_unit_counted_on_published_items_meets_the_quota_only_with_published_ones(unit):
    quota_rule_create(unit=unit, min_tin=1, min_bai=0, basis="published", valid_from=dt.date(2026, 1, 1))
    sent(unit, at(2026, 10, 3))
    row = month_report(Month(2026, 10), units=[unit]).rows[0]
    assert row.sent_tin == 1 and row.status.code == "missed"
    published(unit, at(2026, 10, 9))
    row = month_report(Month(2026, 10), units=[unit]).rows[0]
    assert row.status.code == "met" and row.percent == 100


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_status_of_a_past_month_met_partly_or_not(unit, other_unit):
    for day in range(1, 6):
        sent(unit, at(2026, 10, day))
    sent(unit, at(2026, 10, 7), kind=ItemKind.BAI)
    sent(unit, at(2026, 10, 8), kind=ItemKind.BAI)
    sent(other_unit, at(2026, 10, 8))  # 1 of 2 tin, 0 of 1 bài: 33%
    rows = {r.unit_id: r for r in month_report(Month(2026, 10), units=[unit, other_unit]).rows}
    assert rows[unit.pk].status.code == "met"
    assert rows[other_unit.pk].percent == 33 and rows[other_unit.pk].status.code == "missed"
    sent(other_unit, at(2026, 10, 9))
    rows = {r.unit_id: r for r in month_report(Month(2026, 10), units=[unit, other_unit]).rows}
    assert rows[other_unit.pk].status.code == "partly" and str(rows[other_unit.pk].status.label)


@time_machine.travel(at(2026, 11, 15, 9), tick=False)
def test_status_of_the_month_in_progress_compares_with_the_pace(unit, other_unit):
    for day in range(1, 5):
        sent(unit, at(2026, 11, day))  # 4 of 7 by mid-month: on track
    rows = {r.unit_id: r for r in month_report(Month(2026, 11), units=[unit, other_unit]).rows}
    assert rows[unit.pk].status.code == "on_track"
    assert rows[other_unit.pk].status.code == "behind"


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_extra_news_items_do_not_make_up_for_missing_articles(unit):
    for day in range(1, 15):
        sent(unit, at(2026, 10, day))
    row = month_report(Month(2026, 10), units=[unit]).rows[0]
    assert row.percent == 71 and row.status.code == "partly"


@time_machine.travel(at(2026, 11, 20), tick=False)
def test_an_exempted_unit_shows_the_reason_and_no_failure(unit, leo):
    quota_exemption_grant(unit=unit, year=2026, month=10, reason="Đơn vị sáp nhập, kiện toàn tổ chức", actor=leo)
    row = month_report(Month(2026, 10), units=[unit]).rows[0]
    assert row.status.code == "exempt" and row.exemption_reason == "Đơn vị sáp nhập, kiện toàn tổ chức"


def test_an_exemption_needs_a_reason_and_is_granted_once(unit, leo):
    with pytest.raises(ValidationError):
        quota_exemption_grant(unit=unit, year=2026, month=10, reason="   ", actor=leo)
    quota_exemption_grant(unit=unit, year=2026, month=10, reason="Nghỉ phép", actor=leo)
    with pytest.raises(ValidationError) as error:
        quota_exemption_grant(unit=unit, year=2026, month=10, reason="Lần hai", actor=leo)
    assert "already exempted" in " ".join(error.value.messages) or "đã được miễn" in " ".join(error.value.messages)


def test_an_exemption_for_a_bad_month_is_refused(unit, leo):
    with pytest.raises(ValidationError):
        quota_exemption_grant(unit=unit, year=2026, month=13, reason="x", actor=leo)


def test_units_of_the_department_come_before_district_offices(unit, other_unit):
    from quotas.selectors import units_for_report

    names = [u.name for u in units_for_report()]
    assert names.index(unit.name) < names.index(other_unit.name)


@pytest.mark.django_db(transaction=True)
def test_demo_data_closes_last_month_once():
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    from quotas.models import MonthSnapshot, QuotaExemption

    previous = Month.current().shift(-1)
    assert MonthSnapshot.objects.filter(year=previous.year, month=previous.month, is_closed=True).count() == 1
    assert QuotaExemption.objects.count() == 1
