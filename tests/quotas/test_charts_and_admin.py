"""Charts are accessible SVG; templates stay within the CSP; the admin validates rules."""

import re
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from quotas.charts import _nice_max, bar_chart
from quotas.models import MonthSnapshot
from quotas.selectors import Month, month_report
from quotas.services import quota_month_close
from tests.factories import UnitFactory

from .factories import at, sent

TEMPLATES = Path(__file__).resolve().parents[2] / "quotas" / "templates"


def test_scale_maxima_are_round_numbers():
    assert [_nice_max(v, 4) for v in (0, 1, 3, 4, 5, 9, 17, 41, 399)] == [4, 4, 4, 4, 8, 20, 20, 80, 400]


def test_a_bar_chart_has_one_bar_per_month_and_series_and_a_described_target():
    months = [Month(2026, 1).shift(n) for n in range(12)]
    chart = bar_chart(
        key="k", title="Toàn Sở", months=months,
        series=[("gửi", "sent", list(range(12))), ("đăng", "published", [1] * 12)], target=7,
    )
    assert len(chart.bars) == 24
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.label == "12/2026: gửi 11"
    assert chart.target_y is not None and "7" in chart.target_label
    assert "01/2026 0" in chart.description
    assert all(bar.y + bar.height <= chart.plot_bottom + 0.1 for bar in chart.bars)


def test_templates_have_no_inline_scripts_styles_or_event_handlers():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert "<script" not in text, path
        assert not re.search(r'\sstyle="', text), path
        assert not re.search(r"\son[a-z]+=", text), path
        assert "|safe" not in text, path


@pytest.mark.django_db
@time_machine.travel(at(2026, 11, 20), tick=False)
@pytest.mark.parametrize("count", [2, 20])
def test_a_closed_month_is_read_in_a_fixed_number_of_queries(count, django_assert_num_queries):
    units = [UnitFactory() for _ in range(count)]
    for unit in units:
        sent(unit, at(2026, 10, 2))
    quota_month_close(year=2026, month=10)
    with django_assert_num_queries(2):
        report = month_report(Month(2026, 10))
    assert report.is_closed and len(report.rows) == count and report.totals.sent_tin == count


@pytest.mark.django_db
def test_the_admin_refuses_an_overlapping_rule_with_a_clear_message(admin_client):
    response = admin_client.post(reverse("admin:quotas_quotarule_add"), {
        "unit_kind": "internal", "min_tin": "3", "min_bai": "1", "basis": "sent",
        "valid_from": "01/01/2026", "source": "",
    })
    assert response.status_code == 200
    assert "Thời gian áp dụng trùng với định mức" in response.text or "This period overlaps" in response.text


@pytest.mark.django_db
def test_the_admin_shows_snapshots_read_only(admin_client):
    with time_machine.travel(at(2026, 11, 2), tick=False):
        snapshot, _closed = quota_month_close(year=2026, month=10)
    assert admin_client.get(reverse("admin:quotas_monthsnapshot_add")).status_code == 403
    page = admin_client.get(reverse("admin:quotas_monthsnapshot_change", args=[snapshot.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert MonthSnapshot.objects.count() == 1


@pytest.mark.parametrize("compact", [False, True])
def test_the_highest_tick_label_is_not_cut_at_the_top_of_the_chart(compact):
    """Tick labels are centred on their line (12 px, quotas.css): the top one needs half a line and a margin above it."""
    months = [Month(2026, 1).shift(n) for n in range(12)]
    chart = bar_chart(key="k", title="Toàn Sở", months=months, series=[("gửi", "sent", [80] * 12)], compact=compact)
    assert min(y for y, _text in chart.y_ticks) >= 12


@pytest.mark.parametrize("compact", [False, True])
def test_the_drawn_chart_escapes_names_and_keeps_one_rect_per_bar(compact):
    from html.parser import HTMLParser

    months = [Month(2026, 1).shift(n) for n in range(3)]
    chart = bar_chart(key="u7", title='Phòng <script>alert(1)</script> & "Tư pháp"', months=months,
                      series=[("gửi", "sent", [1, 2, 3])], target=2, compact=compact)
    html = str(chart.figure(compact=compact))
    assert "<script>" not in html and "&lt;script&gt;" in html

    class Tags(HTMLParser):
        tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(html)
    assert [t for t, _a in parser.tags].count("rect") == 3
    svg = next(a for t, a in parser.tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "chart-u7-title chart-u7-desc"
    assert ("chart-compact" in html) == compact and "legend-target" in html
