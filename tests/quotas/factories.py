"""Items placed in time for quota counting: sent and/or published at a local moment."""

import datetime as dt

from articles.models import ItemKind, ItemStatus
from core.workdays import LOCAL_TZ
from tests.factories import ItemFactory


def at(year, month, day, hour=10, minute=0):
    """An aware moment in Asia/Ho_Chi_Minh."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


def sent(unit, when, kind=ItemKind.TIN, status=ItemStatus.SUBMITTED, **fields):
    return ItemFactory(unit=unit, kind=kind, status=status, submitted_at=when, **fields)


def published(unit, when, kind=ItemKind.TIN, sent_at=None, **fields):
    return ItemFactory(
        unit=unit, kind=kind, status=ItemStatus.PUBLISHED, submitted_at=sent_at or when - dt.timedelta(hours=2),
        published_at=when, **fields,
    )
