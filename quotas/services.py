"""Writes for quotas: rules, exemptions, closing and reopening a month, reminders and summaries."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.notify import notify
from core.text import normalize_text
from core.workdays import local
from organisation.models import Unit

from . import selectors
from .models import (
    CountBasis,
    MonthSnapshot,
    MonthSnapshotEvent,
    MonthSnapshotRow,
    QuotaExemption,
    QuotaRule,
)
from .selectors import Month


def _in_site_language(function):
    """Reminders and summaries are written, and their links built, in the site's language."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def quota_rule_create(*, min_tin, min_bai, valid_from, unit_kind="", unit=None, basis=CountBasis.SENT,
                      valid_until=None, source=""):
    """A new rule; refused if numbers are absurd or it overlaps a rule for the same unit or kind."""
    rule = QuotaRule(
        unit_kind=unit_kind or "", unit=unit, min_tin=min_tin, min_bai=min_bai, basis=basis,
        valid_from=valid_from, valid_until=valid_until, source=normalize_text(source),
    )
    rule.full_clean()
    rule.save()
    return rule


def _month_refuse_future(month, *, on=None):
    if month.is_future(on):
        raise ValidationError(_("%(month)s is in the future.") % {"month": month.label})


def quota_exemption_grant(*, unit, year, month, reason, actor=None):
    """Excuse a unit from its quota for a month; the reason is required and shown in every report."""
    try:
        target = Month(int(year), int(month))
    except (TypeError, ValueError):
        raise ValidationError(_("Enter a valid month."))
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the exemption.")})
    exemption = QuotaExemption(unit=unit, year=target.year, month=target.month, reason=reason, created_by=actor)
    exemption.full_clean()
    exemption.save()
    return exemption


@transaction.atomic
def quota_month_close(*, year, month, actor=None, now=None):
    """Store the month's figures as presented; idempotent: closing a closed month changes nothing.

    Returns (snapshot, closed_now).
    """
    now = now or timezone.now()
    target = Month(int(year), int(month))
    if not target.is_over(local(now).date()):
        raise ValidationError(
            _("%(month)s is not over yet; a month is closed after its last day.") % {"month": target.label}
        )
    snapshot, _created = MonthSnapshot.objects.get_or_create(
        year=target.year, month=target.month, defaults={"is_closed": False}
    )
    snapshot = MonthSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    if snapshot.is_closed:
        return snapshot, False
    units = selectors.units_for_report()
    results = selectors.month_live_results(target, units, now)
    item_ids = selectors.unit_item_ids(target, [u.pk for u in units], now)
    snapshot.rows.all().delete()
    MonthSnapshotRow.objects.bulk_create(
        MonthSnapshotRow(
            snapshot=snapshot, unit_id=r.unit_id, unit_name=r.unit_name, unit_kind=r.unit_kind, order=order,
            sent_tin=r.sent_tin, sent_bai=r.sent_bai, published_tin=r.published_tin,
            published_bai=r.published_bai, late=r.late or 0, target_tin=r.target_tin,
            target_bai=r.target_bai, basis=r.basis, is_exempt=r.is_exempt,
            exemption_reason=r.exemption_reason, item_ids=item_ids.get(r.unit_id, {}),
        )
        for order, r in enumerate(results)
    )
    visits, feedback = selectors.month_extras(target)
    snapshot.visits, snapshot.feedback_counts = visits, feedback
    snapshot.is_closed, snapshot.closed_at, snapshot.closed_by = True, now, actor
    snapshot.save()
    MonthSnapshotEvent.objects.create(snapshot=snapshot, action=MonthSnapshotEvent.Action.CLOSE, actor=actor)
    # Closed months are kept in worker memory (selectors._closed_part): tell every worker.
    transaction.on_commit(selectors.snapshot_generation_bump)
    return snapshot, True


@transaction.atomic
def quota_month_reopen(*, year, month, actor, reason):
    """Read a closed month live again (a correction before it is presented); the reason is logged."""
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening the month.")})
    snapshot = (
        MonthSnapshot.objects.select_for_update().filter(year=int(year), month=int(month), is_closed=True).first()
    )
    if snapshot is None:
        raise ValidationError(_("This month is not closed."))
    snapshot.is_closed = False
    snapshot.save(update_fields=["is_closed"])
    MonthSnapshotEvent.objects.create(
        snapshot=snapshot, action=MonthSnapshotEvent.Action.REOPEN, actor=actor, reason=reason[:500]
    )
    transaction.on_commit(selectors.snapshot_generation_bump)
    return snapshot


@_in_site_language
def quota_reminders_send(*, on=None):
    """Mid-month (configurable day): remind each unit's leaders if the unit is behind pace.

    Idempotent: the notification key names the unit and the month, so a task
    delivered twice sends one email.
    """
    on = on or selectors.today()
    if on.day != selectors.reminder_day():
        return 0
    month = Month.of(on)
    units = selectors.units_ordered(Unit.objects.filter(is_active=True).prefetch_related("leaders"))
    units_by_id = {unit.pk: unit for unit in units}
    now = timezone.now()
    sent = 0
    url = reverse("quotas:dashboard") + f"?thang={month}"
    for result in selectors.month_live_results(month, units, now):
        if result.status != selectors.BEHIND:
            continue
        unit = units_by_id[result.unit_id]
        leaders = list(unit.leaders.all())
        if not leaders:
            continue
        message = _(
            "%(unit)s has %(tin)s of %(target_tin)s news items and %(bai)s of %(target_bai)s articles "
            "for %(month)s (%(basis)s); the month is %(elapsed)s%% over."
        ) % {
            "unit": unit.name, "tin": result.counted_tin, "target_tin": result.target_tin or 0,
            "bai": result.counted_bai, "target_bai": result.target_bai or 0, "month": month.label,
            "basis": str(result.basis_label).lower(), "elapsed": round(100 * (result.elapsed or 0)),
        }
        notify(
            users=leaders, verb="quotas.reminder", message=message, url=url,
            key=f"quotas:reminder:{month}:unit{unit.pk}",
            email_subject=_("Monthly quota reminder: %(unit)s, %(month)s") % {
                "unit": unit.name, "month": month.label},
        )
        sent += 1
    return sent


@_in_site_language
def quota_month_summary_send(*, year, month):
    """Tell leadership and the legal-dissemination office the results of a closed month (once)."""
    target = Month(int(year), int(month))
    report = selectors.month_report(target)
    if not report.is_closed:
        return False
    met = [r.unit_name for r in report.rows if r.status == selectors.MET]
    missed = [r.unit_name for r in report.rows if r.status in (selectors.PARTLY, selectors.MISSED)]
    lines = [
        _("Results of the monthly quotas for %(month)s:") % {"month": target.label},
        _("Sent: %(tin)s news items, %(bai)s articles. Published: %(ptin)s news items, %(pbai)s articles.") % {
            "tin": report.totals.sent_tin, "bai": report.totals.sent_bai,
            "ptin": report.totals.published_tin, "pbai": report.totals.published_bai,
        },
        _("Units that met the quota: %(n)s.") % {"n": len(met)},
        _("Units that did not: %(names)s.") % {"names": ", ".join(missed) or "—"},
    ]
    notify(
        users=selectors.report_recipients(), verb="quotas.summary", message="\n".join(lines),
        url=reverse("quotas:report") + f"?thang={target}",
        key=f"quotas:summary:{target}",
        email_subject=_("Monthly quota report %(month)s") % {"month": target.label},
    )
    return True


def quota_month_close_previous(*, on=None):
    """At month start: close the month just over (unless someone reopened it) and send its summary."""
    on = on or selectors.today()
    previous = Month.of(on).shift(-1)
    if not MonthSnapshot.objects.filter(year=previous.year, month=previous.month).exists():
        quota_month_close(year=previous.year, month=previous.month)
    return quota_month_summary_send(year=previous.year, month=previous.month)
