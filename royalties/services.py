"""Writes for royalties: records on publication, proposal, decision, statements, payment, adjustments.

Every write is atomic, refuses anything that would change money already paid,
and appends a RoyaltyEvent (the audit trail). Errors are RoyaltyError with a
message a person can act on.

Rounding rule: amount = coefficient × unit value × share ÷ 100, rounded to the
nearest đồng, halves away from zero (ROUND_HALF_UP), computed in Decimal. Each
co-author's amount is rounded on its own, so shares may differ from the whole
by at most one đồng per person.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import ItemKind, ItemStatus
from core.notify import notify
from core.text import fold, normalize_text
from core.workdays import LOCAL_TZ
from organisation.roles import Role
from organisation.selectors import person_name, unit_of

from .models import (
    AuthorShare,
    CoefficientRate,
    CoefficientUnitValue,
    RecordStatus,
    RemunerationBasis,
    RemunerationRate,
    RoyaltyEvent,
    RoyaltyRecord,
    Statement,
    StatementStatus,
    WorkKind,
)

HUNDRED = Decimal(100)
# Records in these states may still be changed by the editor or the head of board.
OPEN_STATES = (RecordStatus.PENDING, RecordStatus.PROPOSED, RecordStatus.REFUSED, RecordStatus.CANCELLED)
# Roles whose holders may be paid remuneration, from the highest.
REMUNERATED_ROLES = (Role.HEAD, Role.DEPUTY_HEAD, Role.SECRETARY, Role.BOARD_MEMBER)


class RoyaltyError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def amount_compute(*, coefficient, unit_value, share=HUNDRED):
    """Whole đồng for a coefficient, a unit value and a share in percent (see the module's rounding rule)."""
    exact = Decimal(coefficient) * Decimal(unit_value) * Decimal(share) / HUNDRED
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_start(day):
    return day.replace(day=1)


def local_date(moment):
    return timezone.localtime(moment, LOCAL_TZ).date() if moment else None


def _valid_on(queryset, day):
    return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day).first()


def coefficient_rate_for(kind, day):
    return _valid_on(CoefficientRate.objects.filter(kind=kind), day)


def unit_value_for(day):
    return _valid_on(CoefficientUnitValue.objects.all(), day)


def remuneration_rate_for(role, basis, day):
    return _valid_on(RemunerationRate.objects.filter(role=role, basis=basis), day)


def _event(*, action, actor=None, record=None, statement=None, note="", **data):
    RoyaltyEvent.objects.create(
        action=action,
        actor=actor,
        record=record,
        statement=statement,
        note=note,
        data={key: (str(value) if isinstance(value, Decimal) else value) for key, value in data.items()},
    )


def _recipient_key(user=None, name=""):
    return f"user:{user.pk}" if user else f"name:{fold(name)[:160]}"


def work_kind_of(item):
    """The kind of work an item's text is paid as; None for kinds paid per photo or not paid.

    An item in another language is a translation; an item with a source is
    reposted or collected. Photo stories are paid per photo, to each
    photographer; videos and official documents carry no royalty here.
    """
    if item.kind in (ItemKind.PHOTO, ItemKind.VIDEO, ItemKind.DOCUMENT):
        return None
    if item.language != "vi":
        return WorkKind.TRANSLATION
    if item.source.strip():
        return WorkKind.REPOST
    return {ItemKind.TIN: WorkKind.TIN, ItemKind.BAI: WorkKind.BAI, ItemKind.RESEARCH: WorkKind.RESEARCH}[
        item.kind
    ]


def _expected_records(item):
    """(kind, slot, user, name, share, role, unit) for everyone owed something for this item."""
    unit = item.unit
    expected = []
    kind = work_kind_of(item)
    if kind:
        shares = list(item.author_shares.select_related("user"))
        if shares:
            for share in shares:
                name = person_name(share.user) if share.user else share.name
                expected.append((kind, "text", share.user, name, share.percent, "", unit))
        elif item.author_id:
            expected.append((kind, "text", item.author, person_name(item.author), HUNDRED, "", unit))
        elif (item.sender_full_name or item.byline).strip():
            expected.append(
                (kind, "text", None, (item.sender_full_name or item.byline).strip(), HUNDRED, "", unit)
            )
    for image in item.images.select_related("photographer_user"):
        user = image.photographer_user
        name = person_name(user) if user else normalize_text(image.photographer, multiline=False).strip()
        if name:
            expected.append((WorkKind.PHOTO, f"image:{image.pk}", user, name, HUNDRED, "", unit))
    # Per-item remuneration goes to the board member the item was assigned to.
    if item.assignee_id and item.assignee.is_active:
        day = local_date(item.published_at)
        for role in REMUNERATED_ROLES:
            if item.assignee.groups.filter(name=str(role)).exists():
                if remuneration_rate_for(role, RemunerationBasis.PER_ITEM, day):
                    expected.append(
                        (
                            WorkKind.REMUNERATION,
                            f"role:{role}",
                            item.assignee,
                            person_name(item.assignee),
                            HUNDRED,
                            str(role),
                            unit_of(item.assignee) or unit,
                        )
                    )
                break
    return expected


def _remuneration_amount(record, day):
    rate = remuneration_rate_for(
        record.role, RemunerationBasis.PER_ITEM if record.item_id else RemunerationBasis.PER_MONTH, day
    )
    return rate.amount if rate else 0


@transaction.atomic
def royalties_on_publication(*, item):
    """Create (or bring up to date) the royalty records of a published item; idempotent.

    Called after the editorial workflow publishes an item (through the task).
    Publishing, unpublishing and republishing find the same records (one per
    work and person). Records already approved or paid are never touched;
    open records follow the current authors' shares; people no longer among
    the authors have their open records cancelled.
    """
    from articles.models import Item

    item = (
        Item.objects.select_for_update(of=("self",))
        .select_related("unit", "author", "assignee")
        .get(pk=item.pk)
    )
    if item.status != ItemStatus.PUBLISHED or not item.published_at:
        return []
    day = local_date(item.published_at)
    existing = {
        (r.kind, r.slot, r.recipient_key): r
        for r in RoyaltyRecord.objects.select_for_update().filter(item=item, adjusts__isnull=True)
    }
    kept = []
    for kind, slot, user, name, share, role, unit in _expected_records(item):
        key = _recipient_key(user, name)
        record = existing.pop((kind, slot, key), None)
        if record is None:
            # The unit that sent the item; for an item without one, the person's own unit.
            unit = unit or (unit_of(user) if user else None)
            record = RoyaltyRecord(
                item=item,
                kind=kind,
                slot=slot,
                recipient=user,
                recipient_name=name[:150],
                recipient_key=key,
                role=role,
                unit=unit,
                share=share,
                period=month_start(day),
                work_date=day,
            )
            if kind == WorkKind.REMUNERATION:
                record.amount = _remuneration_amount(record, day)
                record.status = RecordStatus.PROPOSED
            try:
                with transaction.atomic():
                    record.save()
            except IntegrityError:  # created meanwhile by another worker: use that one
                record = RoyaltyRecord.objects.get(
                    item=item, kind=kind, slot=slot, recipient_key=key, adjusts__isnull=True
                )
            else:
                _event(
                    action="royalties.record.create",
                    record=record,
                    kind=kind,
                    share=share,
                    amount=record.amount,
                )
        elif record.status in OPEN_STATES:
            changed = record.share != share or record.status == RecordStatus.CANCELLED
            if changed:
                record.share = share
                if record.coefficient is not None and record.unit_value:
                    record.amount = amount_compute(
                        coefficient=record.coefficient, unit_value=record.unit_value, share=share
                    )
                if record.status == RecordStatus.CANCELLED:
                    record.status = (
                        RecordStatus.PENDING if kind != WorkKind.REMUNERATION else RecordStatus.PROPOSED
                    )
                record.save(update_fields=["share", "amount", "status"])
                _event(action="royalties.record.update", record=record, share=share, amount=record.amount)
        kept.append(record)
    for record in existing.values():
        if record.status in (RecordStatus.PENDING, RecordStatus.PROPOSED, RecordStatus.REFUSED):
            record.status = RecordStatus.CANCELLED
            record.save(update_fields=["status"])
            _event(
                action="royalties.record.cancel", record=record, note=_("No longer among the item's authors.")
            )
    return kept


@transaction.atomic
def author_shares_set(*, item, shares, actor):
    """Set how several authors share an item's royalty; `shares` is [(user or None, name, percent)].

    The shares must add up to exactly 100 %. Refused once an author's record
    is approved or paid: those amounts are decided.
    """
    cleaned = []
    seen = set()
    for user, name, percent in shares:
        name = normalize_text(name or "", multiline=False).strip()
        if user is None and not name:
            continue
        percent = Decimal(percent)
        if percent <= 0:
            raise RoyaltyError(_("Each author's share must be more than 0 %."))
        key = _recipient_key(user, name)
        if key in seen:
            raise RoyaltyError(_("The same author is listed twice."))
        seen.add(key)
        cleaned.append((user, "" if user else name, percent))
    if not cleaned:
        raise RoyaltyError(_("List at least one author."))
    total = sum((percent for _u, _n, percent in cleaned), Decimal(0))
    if total != HUNDRED:
        raise RoyaltyError(
            _("The shares add up to %(total)s %%, not 100 %%.") % {"total": f"{total.normalize():f}"}
        )
    decided = RoyaltyRecord.objects.filter(
        item=item, slot="text", adjusts__isnull=True, status__in=(RecordStatus.APPROVED, RecordStatus.PAID)
    )
    if decided.exists():
        raise RoyaltyError(
            _("An author's royalty for this item is already approved or paid; the shares cannot change.")
        )
    item.author_shares.all().delete()
    AuthorShare.objects.bulk_create(
        AuthorShare(item=item, user=user, name=name, percent=percent) for user, name, percent in cleaned
    )
    _event(
        action="royalties.shares.set",
        actor=actor,
        shares=[{"user": u.pk if u else None, "name": n, "percent": str(p)} for u, n, p in cleaned],
        item=item.pk,
    )
    if item.status == ItemStatus.PUBLISHED:
        royalties_on_publication(item=item)


def _lock(record):
    record = (
        RoyaltyRecord.objects.select_for_update(of=("self",)).select_related("statement").get(pk=record.pk)
    )
    if record.status == RecordStatus.PAID or (record.statement_id and record.statement.is_paid):
        raise RoyaltyError(_("This record is paid and cannot change; make an adjustment instead."))
    return record


def _rated(record, coefficient, *, allow_zero=False):
    """(coefficient, unit value) after checking the range valid on the work's date."""
    day = record.work_date or record.period
    kind = record.adjusts.kind if record.adjusts_id else record.kind
    rate = coefficient_rate_for(kind, day)
    if rate is None:
        raise RoyaltyError(
            _("No coefficient range for “%(kind)s” is valid on %(day)s; the administrator must add one.")
            % {"kind": WorkKind(kind).label, "day": f"{day:%d/%m/%Y}"}
        )
    value = unit_value_for(day)
    if value is None:
        raise RoyaltyError(
            _("No coefficient unit value is valid on %(day)s; the administrator must add one.")
            % {"day": f"{day:%d/%m/%Y}"}
        )
    coefficient = Decimal(coefficient)
    if (
        not (allow_zero and coefficient == 0)
        and not rate.coefficient_min <= coefficient <= rate.coefficient_max
    ):
        raise RoyaltyError(
            _("The coefficient for “%(kind)s” must be between %(low)s and %(high)s.")
            % {
                "kind": WorkKind(kind).label,
                "low": rate.coefficient_min.normalize(),
                "high": rate.coefficient_max.normalize(),
            }
        )
    return coefficient, value.amount


@transaction.atomic
def record_propose(*, record, coefficient, note, actor):
    """The editor proposes a coefficient within the range, with a note (Long An Điều 8.3.c)."""
    record = _lock(record)
    if record.kind == WorkKind.REMUNERATION:
        raise RoyaltyError(_("Remuneration follows the rate table; there is no coefficient to propose."))
    if record.status not in (RecordStatus.PENDING, RecordStatus.PROPOSED, RecordStatus.REFUSED):
        raise RoyaltyError(_("Only records awaiting a proposal or a decision can be proposed."))
    coefficient, unit_value = _rated(record, coefficient, allow_zero=bool(record.adjusts_id))
    record.coefficient = coefficient
    record.unit_value = unit_value
    record.amount = _target_amount(record)
    record.proposal_note = normalize_text(note or "")
    record.proposed_by = actor
    record.proposed_at = timezone.now()
    record.status = RecordStatus.PROPOSED
    record.save()
    _heads_notify()
    _event(
        action="royalties.record.propose",
        actor=actor,
        record=record,
        note=record.proposal_note,
        coefficient=coefficient,
        unit_value=unit_value,
        amount=record.amount,
    )
    return record


def _heads_notify():
    """One reminder a day to the head of board that proposals wait (not one per record)."""
    heads = get_user_model().objects.filter(groups__name=str(Role.HEAD), is_active=True)
    notify(
        users=list(heads),
        verb="royalties.proposed",
        message=_("Royalty proposals are waiting for your decision."),
        url=reverse("royalties:records") + "?trang_thai=proposed",
        key=f"royalties.proposed.{timezone.localdate():%Y%m%d}",
    )


def _recipients_notify(statement):
    """Tell each paid person with an account what they were paid."""
    totals = (
        statement.records.filter(recipient__isnull=False)
        .values("recipient")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    users = get_user_model().objects.in_bulk([row["recipient"] for row in totals])
    for row in totals:
        notify(
            users=[users[row["recipient"]]],
            verb="royalties.paid",
            message=_("Your royalties on the statement for %(month)s are paid: %(amount)s đồng.")
            % {"month": str(statement), "amount": f"{row['total']:,}".replace(",", ".")},
            url=reverse("royalties:mine"),
            key=f"royalties.paid.{statement.pk}",
        )


def _target_amount(record):
    """The amount a record is for; for an adjustment, the difference from what the work already got."""
    full = amount_compute(coefficient=record.coefficient, unit_value=record.unit_value, share=record.share)
    if not record.adjusts_id:
        return full
    already = record.adjusts.amount + (
        record.adjusts.adjustments.exclude(pk=record.pk)
        .filter(status__in=(RecordStatus.APPROVED, RecordStatus.PAID))
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )
    return full - already


class Decision:
    APPROVE = "approve"
    REFUSE = "refuse"


@transaction.atomic
def record_decide(*, record, decision, actor, coefficient=None, note=""):
    """The head of board approves (possibly changing the coefficient) or refuses (Long An Điều 8.3.a)."""
    record = _lock(record)
    if record.status not in (RecordStatus.PROPOSED, RecordStatus.APPROVED):
        raise RoyaltyError(_("Only proposed or approved, unpaid records can be decided."))
    note = normalize_text(note or "")
    before = {"status": record.status, "coefficient": record.coefficient, "amount": record.amount}
    if decision == Decision.REFUSE:
        if not note:
            raise RoyaltyError(_("Say why the royalty is refused."))
        record.status = RecordStatus.REFUSED
        record.statement = None  # off the unpaid statement it was on: nothing to pay
        action = "royalties.record.refuse"
    else:
        if record.kind != WorkKind.REMUNERATION:
            if coefficient is not None and Decimal(coefficient) != record.coefficient:
                record.coefficient, record.unit_value = _rated(
                    record, coefficient, allow_zero=bool(record.adjusts_id)
                )
            record.amount = _target_amount(record)
        record.status = RecordStatus.APPROVED
        changed = before["coefficient"] is not None and record.coefficient != before["coefficient"]
        action = "royalties.record.change" if changed else "royalties.record.approve"
    record.decision_note = note
    record.decided_by = actor
    record.decided_at = timezone.now()
    record.save()
    _event(
        action=action,
        actor=actor,
        record=record,
        note=note,
        before={k: str(v) for k, v in before.items()},
        status=record.status,
        coefficient=record.coefficient,
        amount=record.amount,
    )
    return record


@transaction.atomic
def record_adjust(*, record, coefficient, reason, actor):
    """Correct a paid record with a new adjusting record (the paid one never changes).

    The adjustment carries the corrected coefficient (0 cancels the work's
    royalty) and the difference in đồng; it goes through approval and onto the
    next statement, where the original is shown beside it.
    """
    original = RoyaltyRecord.objects.select_for_update().get(pk=record.pk)
    if original.status != RecordStatus.PAID:
        raise RoyaltyError(
            _("Only paid records are corrected by an adjustment; change an unpaid record directly.")
        )
    if original.kind == WorkKind.REMUNERATION:
        raise RoyaltyError(_("Remuneration follows the rate table and is not adjusted by coefficient."))
    reason = normalize_text(reason or "")
    if not reason:
        raise RoyaltyError(_("Give the reason for the adjustment."))
    if original.adjustments.filter(status__in=(RecordStatus.PENDING, RecordStatus.PROPOSED)).exists():
        raise RoyaltyError(_("An adjustment of this record is already awaiting a decision."))
    today = timezone.localdate()
    adjustment = RoyaltyRecord(
        item=original.item,
        period=month_start(today),
        work_date=original.work_date,
        kind=original.kind,
        slot=original.slot,
        recipient=original.recipient,
        recipient_name=original.recipient_name,
        recipient_key=original.recipient_key,
        role=original.role,
        unit=original.unit,
        share=original.share,
        adjusts=original,
        reason=reason,
    )
    adjustment.coefficient, adjustment.unit_value = _rated(adjustment, coefficient, allow_zero=True)
    adjustment.amount = _target_amount(adjustment)
    adjustment.status = RecordStatus.PROPOSED
    adjustment.proposed_by = actor
    adjustment.proposed_at = timezone.now()
    adjustment.proposal_note = reason
    adjustment.save()
    _event(
        action="royalties.record.adjust",
        actor=actor,
        record=adjustment,
        note=reason,
        adjusts=original.pk,
        coefficient=adjustment.coefficient,
        amount=adjustment.amount,
    )
    return adjustment


@transaction.atomic
def remuneration_month_create(*, year, month, actor=None):
    """Monthly remuneration records for every active holder of a role with a per-month rate; idempotent."""
    day = dt.date(year, month, 1)
    User = get_user_model()
    created = []
    for role in REMUNERATED_ROLES:
        rate = remuneration_rate_for(role, RemunerationBasis.PER_MONTH, day)
        if not rate:
            continue
        for user in User.objects.filter(is_active=True, groups__name=str(role)).order_by("pk"):
            record, was_created = RoyaltyRecord.objects.get_or_create(
                item=None,
                period=day,
                recipient_key=_recipient_key(user),
                kind=WorkKind.REMUNERATION,
                slot=f"role:{role}",
                adjusts=None,
                defaults={
                    "recipient": user,
                    "recipient_name": person_name(user),
                    "role": str(role),
                    "unit": unit_of(user),
                    "amount": rate.amount,
                    "status": RecordStatus.PROPOSED,
                },
            )
            if was_created:
                _event(action="royalties.record.create", actor=actor, record=record, amount=rate.amount)
                created.append(record)
    return created


def _statement_scope(year, month):
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return RoyaltyRecord.objects.filter(
        status=RecordStatus.APPROVED, statement__isnull=True, period__lte=last
    )


@transaction.atomic
def statement_generate(*, year, month, actor):
    """Prepare (or prepare again) the month's statement from the approved, unpaid records.

    Approved records of this month and earlier that are on no statement yet
    are listed, so late approvals and adjustments land on the next statement.
    Refused once the statement is paid.
    """
    if not 1 <= month <= 12:
        raise RoyaltyError(_("There is no such month."))
    statement = Statement.objects.select_for_update().filter(year=year, month=month).first()
    if statement and statement.is_paid:
        raise RoyaltyError(
            _(
                "The statement for %(month)s is paid and cannot be prepared again; corrections go on the next one."
            )
            % {"month": str(statement)}
        )
    if statement is None:
        statement = Statement.objects.create(
            year=year, month=month, generated_at=timezone.now(), generated_by=actor
        )
        action = "royalties.statement.generate"
    else:
        statement.records.update(statement=None)
        statement.generated_at = timezone.now()
        statement.generated_by = actor
        statement.save(update_fields=["generated_at", "generated_by"])
        action = "royalties.statement.regenerate"
    count = _statement_scope(year, month).update(statement=statement)
    total = statement.records.aggregate(total=Sum("amount"))["total"] or 0
    _event(action=action, actor=actor, statement=statement, records=count, total=total)
    return statement


@transaction.atomic
def statement_pay(*, statement, paid_on, reference, actor):
    """The office marks the statement paid; its records become paid and never change again."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.is_paid:
        raise RoyaltyError(_("This statement is already paid."))
    reference = normalize_text(reference or "", multiline=False).strip()
    if not reference:
        raise RoyaltyError(_("Give the payment reference (voucher or transfer number)."))
    if paid_on > timezone.localdate():
        raise RoyaltyError(_("The payment date cannot be in the future."))
    locked = list(statement.records.select_for_update().values_list("status", flat=True))
    records = statement.records.all()
    if any(status != RecordStatus.APPROVED for status in locked):
        raise RoyaltyError(
            _("Some records on this statement are no longer approved; prepare it again first.")
        )
    if not locked:
        raise RoyaltyError(_("The statement lists nothing to pay."))
    total = records.aggregate(total=Sum("amount"))["total"] or 0
    records.update(status=RecordStatus.PAID)
    statement.status = StatementStatus.PAID
    statement.paid_on = paid_on
    statement.paid_reference = reference
    statement.paid_by = actor
    statement.total_paid = total
    statement.save()
    _recipients_notify(statement)
    _event(
        action="royalties.statement.pay",
        actor=actor,
        statement=statement,
        note=reference,
        paid_on=paid_on.isoformat(),
        total=total,
    )
    return statement
