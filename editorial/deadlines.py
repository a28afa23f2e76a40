"""Due times of items (Bình Phước Điều 9.3, 11.2; Long An Điều 9.2; DOMAIN.md "Deadlines").

Each rule names what the deadline is counted in and from what: the event, the
document's issue or approval, the announcement, or a period's end. Items with
no regulatory deadline get the board's own target (conf.general_working_days).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import ItemKind
from core.workdays import LOCAL_TZ, add_admin_hours, add_working_days, local

from . import conf


class DeadlineRule:
    NEWS = "news"
    CONFERENCE = "conference"
    DEPARTMENT_DOCUMENT = "department_document"
    PLAN = "plan"
    STATISTICS = "statistics"
    MONTHLY_REPORT = "monthly_report"
    QUARTERLY_REPORT = "quarterly_report"
    HALF_YEAR_REPORT = "half_year_report"
    ANNUAL_REPORT = "annual_report"
    GENERAL = "general"

    choices = [
        (NEWS, _("News and events: administrative hours from the event")),
        (CONFERENCE, _("Conferences and major events: 12 hours from the event")),
        (DEPARTMENT_DOCUMENT, _("Document issued by the department: 2 working days from issue")),
        (PLAN, _("Strategy, plan, project, investment, procurement: 3 working days from approval")),
        (STATISTICS, _("Statistics: 10 working days from the announcement")),
        (MONTHLY_REPORT, _("Monthly report: first week of the next month")),
        (QUARTERLY_REPORT, _("Quarterly report: first 10 days of the next quarter")),
        (HALF_YEAR_REPORT, _("Half-year report: 10 days from the review conference")),
        (ANNUAL_REPORT, _("Annual or programme report: 15 days from the review conference")),
        (GENERAL, _("No deadline in the regulations: the board's target")),
    ]


def default_rule(kind):
    return DeadlineRule.NEWS if kind == ItemKind.TIN else DeadlineRule.GENERAL


def _end_of_day(day):
    return dt.datetime.combine(day, dt.time(17, 0), tzinfo=LOCAL_TZ)


def due_at(rule, *, event_at, submitted_at):
    """The due time for an item under `rule`; counted from the event or, without one, from sending."""
    start = event_at or submitted_at or timezone.now()
    if rule == DeadlineRule.NEWS:
        return add_admin_hours(start, conf.news_hours())  # Bình Phước 9.3.a; Long An 9.2: 8
    if rule == DeadlineRule.CONFERENCE:
        return add_admin_hours(start, 12)  # Long An Điều 9.2
    if rule == DeadlineRule.DEPARTMENT_DOCUMENT:
        return add_working_days(start, 2)  # Bình Phước Điều 9.3.b
    if rule == DeadlineRule.PLAN:
        return add_working_days(start, 3)  # Bình Phước Điều 9.3.c
    if rule == DeadlineRule.STATISTICS:
        return add_working_days(start, 10)  # Bình Phước Điều 9.3.d
    day = local(start).date()
    if rule == DeadlineRule.MONTHLY_REPORT:
        # The period ends with the month of the event; due in the first week of the next month.
        first_next = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return _end_of_day(first_next + dt.timedelta(days=6))
    if rule == DeadlineRule.QUARTERLY_REPORT:
        quarter_end_month = ((day.month - 1) // 3 + 1) * 3
        year = day.year + (1 if quarter_end_month == 12 else 0)
        month = 1 if quarter_end_month == 12 else quarter_end_month + 1
        return _end_of_day(dt.date(year, month, 10))
    if rule == DeadlineRule.HALF_YEAR_REPORT:
        return _end_of_day(day + dt.timedelta(days=10))
    if rule == DeadlineRule.ANNUAL_REPORT:
        return _end_of_day(day + dt.timedelta(days=15))
    return add_working_days(submitted_at or start, conf.general_working_days())
