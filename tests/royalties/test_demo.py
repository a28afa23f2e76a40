import datetime as dt
import io

import pytest

from organisation.roles import Role
from royalties import demo
from royalties.models import RecordStatus, RoyaltyRecord, Statement
from tests.factories import make_user

from .factories import published_item

pytestmark = pytest.mark.django_db


class FakeCommand:
    stdout = io.StringIO()


def test_demo_royalties_are_seeded_once(unit):
    make_user(Role.SECRETARY, unit=unit, username="thuky")
    make_user(Role.HEAD, unit=unit, username="truongban")
    make_user(Role.OFFICE, unit=unit, username="vanphong")
    author = make_user(Role.AUTHOR, unit=unit, username="tacgia")
    published_item(author=author, on=dt.date(2026, 10, 20))
    published_item(author=author, on=dt.date(2026, 11, 3))
    published_item(author=author, on=dt.date(2026, 11, 4))
    demo.seed(FakeCommand())
    count = RoyaltyRecord.objects.count()
    demo.seed(FakeCommand())
    assert RoyaltyRecord.objects.count() == count
    october = Statement.objects.get(year=2026, month=10)
    assert october.is_paid and october.records.filter(recipient=author).exists()
    november = RoyaltyRecord.objects.filter(period=dt.date(2026, 11, 1), recipient=author)
    assert {r.status for r in november} == {RecordStatus.PENDING, RecordStatus.PROPOSED}
