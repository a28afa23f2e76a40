"""What the dashboard and the ranking keep in memory between requests, and when it is refreshed.

Closed months' snapshot rows and drawn charts are remembered per worker
(selectors._closed_part, charts.bar_chart); the big tables are written in Python
(quotas_tags). The figures shown must be those a fresh computation would give.
"""

import re

import pytest
import time_machine
from django import forms
from django.urls import reverse
from django.utils import translation

from articles.models import ItemKind
from quotas import charts, selectors
from quotas.forms import QuotaExemptionForm, UnitSelect
from quotas.selectors import Month, month_report, trend, year_ranking
from quotas.services import quota_month_close, quota_month_reopen
from quotas.templatetags.quotas_tags import quota_rows, ranking_rows
from tests.factories import UnitFactory

from .factories import at, published, sent

pytestmark = pytest.mark.django_db

NOW = at(2026, 11, 20, 9)


@pytest.fixture(autouse=True)
def _frozen():
    selectors.closed_memory_clear()
    with time_machine.travel(NOW, tick=False), translation.override("vi"):
        yield


def _ranked(unit):
    rows, _months = year_ranking(2026)
    return next(row for row in rows if row.unit_id == unit.pk)


def test_a_closed_month_read_from_memory_is_refreshed_when_it_is_reopened_and_closed_again(unit, leo):
    sent(unit, at(2026, 10, 3))
    quota_month_close(year=2026, month=10)
    assert _ranked(unit).sent_tin == 1
    assert trend(Month(2026, 11)).by_unit[unit.pk][-2].sent_tin == 1
    sent(unit, at(2026, 10, 4))
    assert _ranked(unit).sent_tin == 1  # closed: the snapshot, not the items
    quota_month_reopen(year=2026, month=10, actor=leo, reason="Sửa số liệu")
    assert _ranked(unit).sent_tin == 2  # live again
    sent(unit, at(2026, 10, 5))
    quota_month_close(year=2026, month=10)
    assert _ranked(unit).sent_tin == 3
    assert trend(Month(2026, 11)).by_unit[unit.pk][-2].sent_tin == 3


def test_the_second_reading_of_closed_months_skips_the_snapshot_rows(unit, django_assert_num_queries):
    sent(unit, at(2026, 10, 3))
    quota_month_close(year=2026, month=10)
    year_ranking(2026)
    # closed months (the memory's key), sent, published, rules, exemptions; units are read once more
    with django_assert_num_queries(6):
        year_ranking(2026)


def test_a_change_made_elsewhere_is_seen_even_if_the_generation_was_not_bumped(unit):
    """The memory's key includes the closed snapshots themselves (ids, closing events)."""
    sent(unit, at(2026, 10, 3))
    quota_month_close(year=2026, month=10)
    assert _ranked(unit).sent_tin == 1
    snapshot = selectors.MonthSnapshot.objects.get(year=2026, month=10)
    snapshot.is_closed = False  # as if reopened by another worker whose bump was lost
    snapshot.save()
    sent(unit, at(2026, 10, 4))
    assert _ranked(unit).sent_tin == 2


def test_services_bump_the_snapshot_generation_on_close_and_reopen(unit, leo, django_capture_on_commit_callbacks):
    before = selectors.snapshot_generation()
    with django_capture_on_commit_callbacks(execute=True):
        quota_month_close(year=2026, month=10)
    closed = selectors.snapshot_generation()
    with django_capture_on_commit_callbacks(execute=True):
        quota_month_reopen(year=2026, month=10, actor=leo, reason="Sửa số liệu")
    assert before < closed < selectors.snapshot_generation()


def test_the_open_month_is_never_kept(client, unit, leo):
    """A publication in the month in progress shows at once on the dashboard and its chart."""
    client.force_login(leo)
    url = reverse("quotas:dashboard")
    first = client.get(url, {"thang": "2026-11"})
    assert first.context["trend"].by_unit.get(unit.pk, [selectors.MonthFigures()] * 12)[-1].published == 0
    published(unit, at(2026, 11, 10), kind=ItemKind.BAI)
    second = client.get(url, {"thang": "2026-11"})
    assert second.context["trend"].by_unit[unit.pk][-1].published_bai == 1
    rows = {r.unit_id: r for r in second.context["report"].rows}
    assert rows[unit.pk].published_bai == 1
    assert "11/2026: published (tin + bài) 1" in second.text or "11/2026: đã đăng (tin + bài) 1" in second.text


def test_a_remembered_chart_is_the_chart_drawn_for_the_same_figures_and_language():
    months = [Month(2026, 1).shift(n) for n in range(3)]
    args = {"key": "u1", "title": "Phòng A", "months": months, "target": 2}
    first = charts.bar_chart(series=[("gửi", "sent", [1, 2, 3])], **args)
    assert charts.bar_chart(series=[("gửi", "sent", [1, 2, 3])], **args) is first
    changed = charts.bar_chart(series=[("gửi", "sent", [1, 2, 4])], **args)
    assert changed is not first and "03/2026: gửi 4" in changed.figure()
    with translation.override("en"):
        english = charts.bar_chart(series=[("sent", "sent", [1, 2, 3])], **args)
    assert english is not first and "target 2 a month" in english.figure()


def test_the_month_table_rows_escape_names_and_link_each_nonzero_cell(unit):
    unit.name = 'Phòng <b>"A"</b>'
    unit.save()
    sent(unit, at(2026, 11, 3), kind=ItemKind.BAI)
    report = month_report(Month(2026, 11), units=[unit], with_royalties=False)
    html = str(quota_rows(report, True))
    assert "<b>" not in html and "Phòng &lt;b&gt;&quot;A&quot;&lt;/b&gt;" in html
    assert reverse("quotas:cell", args=[unit.pk, "sent_bai"]) + "?thang=2026-11" in html
    assert reverse("quotas:cell", args=[unit.pk, "sent_tin"]) not in html  # zero: no link
    assert "href" not in str(quota_rows(report, False))
    report.rows = []
    assert "Không có đơn vị" in str(quota_rows(report, True)) or "No units" in str(quota_rows(report, True))


def test_the_ranking_rows_show_each_month_with_words_and_a_link(unit):
    unit.name = "Phòng <i>B</i>"
    unit.save()
    rows, _months = year_ranking(2026, units=[unit])
    html = str(ranking_rows(rows))
    assert "&lt;i&gt;" in html and "<i>" not in html
    assert f'href="{reverse("quotas:dashboard")}?thang=2026-10"' in html
    assert '<span class="visually-hidden">10/2026: Không đạt</span>' in html


def test_the_unit_select_writes_what_djangos_select_writes():
    units = [UnitFactory(name='Đơn vị "1" & <2>'), UnitFactory(name="Đơn vị 3")]
    form = QuotaExemptionForm(units=units, data={"unit": str(units[1].pk), "reason": ""})
    field = form["unit"]
    fast = field.as_widget()
    plain = field.as_widget(widget=forms.Select(choices=field.field.widget.choices))
    assert isinstance(form.fields["unit"].widget, UnitSelect)
    # the same tags and text; Django's templates only add line breaks and indentation between tags
    assert str(fast) == re.sub(r">\s+<", "><", str(plain))
    assert "selected" in fast and "&lt;2&gt;" in fast
