"""The quota pages on a 360-pixel phone: the wide tables scroll, unit names and titles stay readable."""

import datetime as dt

import pytest

from articles.models import ItemKind, ItemStatus
from core.workdays import LOCAL_TZ
from tests.browser.test_quotas_dashboard import logged_in
from tests.factories import ItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_and_drill_down_stay_readable_on_a_phone(browser, live_server, unit, other_unit, leo):
    ItemFactory(unit=unit, kind=ItemKind.TIN, status=ItemStatus.SUBMITTED, submitted_at=dt.datetime.now(LOCAL_TZ),
                title="Tập huấn nghiệp vụ hòa giải ở cơ sở cho hòa giải viên các xã ven biển")
    context, page, errors = logged_in(browser, live_server, leo)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/dinh-muc/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    name = page.locator("table.quota-table tbody th[scope=row]", has_text=unit.name)
    assert name.bounding_box()["width"] >= 140  # not squeezed to a word per line
    page.locator("table.quota-table").evaluate("t => { t.parentElement.scrollLeft = 400; }")
    assert name.bounding_box()["x"] <= 20  # the unit column stays in view while the figures scroll
    name.locator("xpath=..").get_by_role("link", name="1").first.click()
    page.wait_for_load_state()
    title = page.locator("table.quota-items td").first
    assert title.bounding_box()["width"] >= 190
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not errors
    context.close()
