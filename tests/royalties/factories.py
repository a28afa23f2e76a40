"""Published items with royalty records, as the editorial workflow leaves them."""

import datetime as dt

from django.utils import timezone

from articles.models import ItemImage, ItemKind, ItemStatus
from core.workdays import LOCAL_TZ
from organisation.selectors import unit_of
from royalties import services
from tests.factories import ItemFactory, image_upload


def published_item(*, author, unit=None, kind=ItemKind.TIN, on=dt.date(2026, 11, 10), **fields):
    """An item published on a local day (noon), with its royalty records created as the task would."""
    moment = dt.datetime.combine(on, dt.time(12, 0), tzinfo=LOCAL_TZ)
    item = ItemFactory(
        kind=kind,
        author=author,
        unit=unit or unit_of(author),
        status=ItemStatus.PUBLISHED,
        published_at=moment,
        **fields,
    )
    services.royalties_on_publication(item=item)
    return item


def photo_add(item, *, photographer="", user=None):
    return ItemImage.objects.create(
        item=item, image=image_upload(), caption="Ảnh", photographer=photographer, photographer_user=user
    )


def record_of(item, user=None, kind=None):
    records = item.royalty_records.filter(adjusts__isnull=True)
    if user is not None:
        records = records.filter(recipient=user)
    if kind is not None:
        records = records.filter(kind=kind)
    return records.get()


def approved(record, *, editor, head, coefficient="2"):
    services.record_propose(record=record, coefficient=coefficient, note="Tin đúng hạn", actor=editor)
    return services.record_decide(record=record, decision=services.Decision.APPROVE, actor=head)


def paid_statement(*, year, month, office, on=None):
    statement = services.statement_generate(year=year, month=month, actor=office)
    return services.statement_pay(
        statement=statement, paid_on=on or timezone.localdate(), reference="UNC 123/2026", actor=office
    )
