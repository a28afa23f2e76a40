import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import translation

from articles.models import ItemKind, ItemStatus
from core.outbox import task_send
from core.workdays import LOCAL_TZ
from royalties import services
from royalties.models import (
    CoefficientRate,
    CoefficientUnitValue,
    RecordStatus,
    RemunerationBasis,
    RemunerationRate,
    RoyaltyEvent,
    RoyaltyRecord,
    WorkKind,
)
from royalties.services import Decision, RoyaltyError
from tests.factories import ItemFactory

from .factories import approved, paid_statement, photo_add, published_item, record_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; the views' tests read them in Vietnamese."""
    with translation.override("en"):
        yield


def test_publication_creates_one_record_for_the_author_with_the_whole_share(alice):
    item = published_item(author=alice)
    record = record_of(item)
    assert record.recipient == alice
    assert record.kind == WorkKind.TIN
    assert record.share == 100
    assert record.status == RecordStatus.PENDING
    assert record.period == dt.date(2026, 11, 1)
    assert record.unit == item.unit
    assert RoyaltyEvent.objects.filter(record=record, action="royalties.record.create").exists()


def test_the_task_sent_by_the_editorial_workflow_creates_the_records(
    alice, django_capture_on_commit_callbacks
):
    item = ItemFactory(author=alice, status=ItemStatus.PUBLISHED)
    assert not item.royalty_records.exists()
    with django_capture_on_commit_callbacks(execute=True):
        task_send("royalties.tasks.royalties_on_publication", item_id=item.pk)
    assert record_of(item).recipient == alice


def test_publishing_unpublishing_and_republishing_keeps_one_record(alice, sam, hana):
    item = published_item(author=alice)
    approved(record_of(item), editor=sam, head=hana)
    item.status = ItemStatus.UNPUBLISHED
    item.save()
    assert services.royalties_on_publication(item=item) == []
    item.status = ItemStatus.PUBLISHED
    item.save()
    services.royalties_on_publication(item=item)
    services.royalties_on_publication(item=item)
    assert item.royalty_records.count() == 1
    assert record_of(item).status == RecordStatus.APPROVED


def test_the_database_refuses_a_second_record_for_the_same_work_and_person(alice):
    record = record_of(published_item(author=alice))
    record.pk = None
    with pytest.raises(IntegrityError):
        record.save()


def test_each_photographer_gets_a_record_per_photo(alice, bob):
    item = published_item(author=alice, kind=ItemKind.PHOTO)
    photo_add(item, user=bob)
    photo_add(item, user=bob)
    photo_add(item, photographer="Trần Văn Ảnh")
    photo_add(item)  # no photographer named: nobody to pay
    services.royalties_on_publication(item=item)
    photos = item.royalty_records.filter(kind=WorkKind.PHOTO)
    assert photos.count() == 3
    assert photos.filter(recipient=bob).count() == 2
    assert photos.filter(recipient__isnull=True, recipient_name="Trần Văn Ảnh").exists()
    assert not item.royalty_records.exclude(kind=WorkKind.PHOTO).exists()  # a photo story is paid per photo


def test_translated_and_reposted_items_are_their_own_kinds(alice):
    assert record_of(published_item(author=alice, language="en")).kind == WorkKind.TRANSLATION
    assert record_of(published_item(author=alice, source="Báo Pháp luật")).kind == WorkKind.REPOST
    assert record_of(published_item(author=alice, kind=ItemKind.RESEARCH)).kind == WorkKind.RESEARCH


def test_co_authors_share_the_royalty_by_their_proportions(alice, bob, sam, hana):
    item = published_item(author=alice, kind=ItemKind.BAI)
    services.author_shares_set(item=item, shares=[(alice, "", "60"), (bob, "", "40")], actor=sam)
    approved(record_of(item, alice), editor=sam, head=hana, coefficient="5")
    approved(record_of(item, bob), editor=sam, head=hana, coefficient="5")
    assert record_of(item, alice).amount == 300_000
    assert record_of(item, bob).amount == 200_000


def test_a_split_that_does_not_add_up_to_100_is_refused(alice, bob, sam):
    item = published_item(author=alice)
    with pytest.raises(RoyaltyError, match="99.5 %, not 100 %"):
        services.author_shares_set(item=item, shares=[(alice, "", "60"), (bob, "", "39.5")], actor=sam)
    assert not item.author_shares.exists()
    assert record_of(item).recipient == alice


def test_removing_a_co_author_cancels_their_open_record(alice, bob, sam):
    item = published_item(author=alice)
    services.author_shares_set(item=item, shares=[(alice, "", "50"), (bob, "", "50")], actor=sam)
    services.author_shares_set(item=item, shares=[(alice, "", "100")], actor=sam)
    assert record_of(item, bob).status == RecordStatus.CANCELLED
    assert record_of(item, alice).share == 100


def test_shares_cannot_change_once_an_author_is_approved(alice, bob, sam, hana):
    item = published_item(author=alice)
    approved(record_of(item), editor=sam, head=hana)
    with pytest.raises(RoyaltyError, match="already approved or paid"):
        services.author_shares_set(item=item, shares=[(alice, "", "50"), (bob, "", "50")], actor=sam)


def test_amount_is_coefficient_times_unit_value_rounded_half_up():
    assert services.amount_compute(coefficient=Decimal("2.5"), unit_value=100_000) == 250_000
    assert (
        services.amount_compute(coefficient=Decimal("1.25"), unit_value=100_001, share=Decimal("50"))
        == 62_501
    )
    assert (
        services.amount_compute(coefficient=Decimal("1"), unit_value=3, share=Decimal("50")) == 2
    )  # 1.5 -> 2
    assert isinstance(services.amount_compute(coefficient=Decimal("1.33"), unit_value=100_000), int)


def test_a_coefficient_outside_the_range_is_refused(alice, sam):
    record = record_of(published_item(author=alice))
    with pytest.raises(RoyaltyError, match="between 1 and 3"):
        services.record_propose(record=record, coefficient="3.5", note="", actor=sam)
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING and record.coefficient is None


def test_a_work_published_before_any_valid_rate_is_refused_with_a_clear_message(alice, sam):
    record = record_of(published_item(author=alice, on=dt.date(2025, 6, 1)))
    with pytest.raises(RoyaltyError, match="No coefficient range for “News item” is valid on 01/06/2025"):
        services.record_propose(record=record, coefficient="2", note="", actor=sam)


def test_the_rate_valid_on_the_publication_date_is_used(alice, sam):
    CoefficientUnitValue.objects.update(valid_to=dt.date(2026, 10, 31))
    CoefficientUnitValue.objects.create(amount=120_000, valid_from=dt.date(2026, 11, 1))
    october = record_of(published_item(author=alice, on=dt.date(2026, 10, 31)))
    november = record_of(published_item(author=alice, on=dt.date(2026, 11, 1)))
    assert services.record_propose(record=october, coefficient="2", note="", actor=sam).amount == 200_000
    assert services.record_propose(record=november, coefficient="2", note="", actor=sam).amount == 240_000


def test_overlapping_rates_are_refused():
    rate = CoefficientRate(
        kind=WorkKind.TIN, coefficient_min=1, coefficient_max=2, valid_from=dt.date(2026, 6, 1)
    )
    with pytest.raises(Exception, match="valid during part of this period"):
        rate.full_clean()


def test_the_head_may_change_the_coefficient_when_approving(alice, sam, hana):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    record = services.record_decide(record=record, decision=Decision.APPROVE, coefficient="3", actor=hana)
    assert record.amount == 300_000
    assert RoyaltyEvent.objects.filter(record=record, action="royalties.record.change").exists()


def test_a_refusal_needs_a_reason(alice, sam, hana):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    with pytest.raises(RoyaltyError, match="why"):
        services.record_decide(record=record, decision=Decision.REFUSE, actor=hana)
    services.record_decide(record=record, decision=Decision.REFUSE, note="Tin trùng lặp", actor=hana)
    record.refresh_from_db()
    assert record.status == RecordStatus.REFUSED


def test_statement_lists_approved_records_and_payment_freezes_them(alice, bob, sam, hana, olga):
    first = record_of(published_item(author=alice))
    approved(first, editor=sam, head=hana)
    pending = record_of(published_item(author=bob))
    statement = paid_statement(year=2026, month=11, office=olga)
    assert list(statement.records.all()) == [first]
    assert statement.total_paid == 200_000
    first.refresh_from_db()
    assert first.status == RecordStatus.PAID
    with pytest.raises(RoyaltyError, match="paid and cannot change"):
        services.record_propose(record=first, coefficient="3", note="", actor=sam)
    with pytest.raises(RoyaltyError, match="paid and cannot change"):
        services.record_decide(record=first, decision=Decision.REFUSE, note="x", actor=hana)
    with pytest.raises(RoyaltyError, match="cannot be prepared again"):
        services.statement_generate(year=2026, month=11, actor=olga)
    with pytest.raises(RoyaltyError, match="already paid"):
        services.statement_pay(statement=statement, paid_on=dt.date(2026, 11, 22), reference="x", actor=olga)
    pending.refresh_from_db()
    assert pending.statement is None
    first.refresh_from_db()
    assert first.amount == 200_000 and first.status == RecordStatus.PAID


def test_a_correction_is_an_adjusting_record_on_the_next_statement(alice, sam, hana, olga):
    record = record_of(published_item(author=alice))
    approved(record, editor=sam, head=hana, coefficient="2")
    paid_statement(year=2026, month=11, office=olga)
    with pytest.raises(RoyaltyError, match="reason"):
        services.record_adjust(record=record, coefficient="3", reason="", actor=sam)
    adjustment = services.record_adjust(record=record, coefficient="3", reason="Tính thiếu hệ số", actor=sam)
    assert adjustment.amount == 100_000 and adjustment.adjusts == record
    services.record_decide(record=adjustment, decision=Decision.APPROVE, actor=hana)
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=LOCAL_TZ), tick=False):
        december = services.statement_generate(year=2026, month=12, actor=olga)
    assert list(december.records.all()) == [adjustment]
    record.refresh_from_db()
    assert record.amount == 200_000 and record.status == RecordStatus.PAID
    assert RoyaltyEvent.objects.filter(record=adjustment, action="royalties.record.adjust").exists()


def test_an_adjustment_to_zero_takes_back_the_whole_amount(alice, sam, hana, olga):
    record = record_of(published_item(author=alice))
    approved(record, editor=sam, head=hana, coefficient="2")
    paid_statement(year=2026, month=11, office=olga)
    adjustment = services.record_adjust(
        record=record, coefficient="0", reason="Tin không đủ điều kiện", actor=sam
    )
    assert adjustment.amount == -200_000


def test_unpaid_records_are_not_adjusted(alice, sam):
    record = record_of(published_item(author=alice))
    with pytest.raises(RoyaltyError, match="Only paid records"):
        services.record_adjust(record=record, coefficient="2", reason="x", actor=sam)


def test_regenerating_a_draft_statement_picks_up_late_approvals(alice, bob, sam, hana, olga):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana)
    late = record_of(published_item(author=bob))
    statement = services.statement_generate(year=2026, month=11, actor=olga)
    assert statement.records.count() == 1
    approved(late, editor=sam, head=hana)
    statement = services.statement_generate(year=2026, month=11, actor=olga)
    assert statement.records.count() == 2
    assert RoyaltyEvent.objects.filter(statement=statement, action="royalties.statement.regenerate").exists()


def test_a_refused_record_leaves_the_unpaid_statement(alice, sam, hana, olga):
    record = record_of(published_item(author=alice))
    approved(record, editor=sam, head=hana)
    statement = services.statement_generate(year=2026, month=11, actor=olga)
    services.record_decide(record=record, decision=Decision.REFUSE, note="Sai tác giả", actor=hana)
    assert not statement.records.exists()


def test_remuneration_per_item_goes_to_the_assigned_board_member(alice, mike, sam, hana):
    RemunerationRate.objects.create(
        role="board_member", basis=RemunerationBasis.PER_ITEM, amount=50_000, valid_from=dt.date(2026, 1, 1)
    )
    item = published_item(author=alice, assignee=mike)
    record = record_of(item, mike)
    assert record.kind == WorkKind.REMUNERATION and record.amount == 50_000
    assert record.status == RecordStatus.PROPOSED
    services.record_decide(record=record, decision=Decision.APPROVE, actor=hana)
    record.refresh_from_db()
    assert record.amount == 50_000 and record.status == RecordStatus.APPROVED


def test_monthly_remuneration_is_created_once_per_person(sam, hana):
    RemunerationRate.objects.create(
        role="secretary", basis=RemunerationBasis.PER_MONTH, amount=700_000, valid_from=dt.date(2026, 1, 1)
    )
    assert len(services.remuneration_month_create(year=2026, month=10)) == 1
    assert services.remuneration_month_create(year=2026, month=10) == []
    record = RoyaltyRecord.objects.get(recipient=sam)
    assert record.amount == 700_000 and record.period == dt.date(2026, 10, 1)


def test_the_history_is_append_only(alice):
    event = RoyaltyEvent.objects.filter(record=record_of(published_item(author=alice))).first()
    event.note = "changed"
    with pytest.raises(Exception, match="cannot be changed"):
        event.save()
    with pytest.raises(Exception, match="cannot be deleted"):
        event.delete()


def test_a_statement_for_a_month_that_does_not_exist_is_refused(olga):
    with pytest.raises(RoyaltyError, match="no such month"):
        services.statement_generate(year=2026, month=13, actor=olga)


def test_a_future_payment_date_is_refused(alice, sam, hana, olga):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana)
    statement = services.statement_generate(year=2026, month=11, actor=olga)
    with pytest.raises(RoyaltyError, match="future"):
        services.statement_pay(
            statement=statement, paid_on=dt.date(2026, 12, 1), reference="UNC 1", actor=olga
        )


def test_an_item_without_a_unit_counts_for_the_authors_unit(alice, unit):
    from tests.factories import ItemFactory

    item = ItemFactory(author=alice, unit=None, status=ItemStatus.PUBLISHED)
    [record] = services.royalties_on_publication(item=item)
    assert record.unit == unit
