"""The editorial workflow's settings, each with the regulation's default.

Read inside functions (never at import) so tests and deployments can change them.
"""

from django.conf import settings


def unit_approval_for_staff():
    # Bình Phước Điều 9.1.a: a unit's submissions pass its leader first.
    return getattr(settings, "EDITORIAL_UNIT_APPROVAL_FOR_STAFF", True)


def unit_approval_for_collaborators():
    # Collaborators have no unit leader: they send straight to the board.
    return getattr(settings, "EDITORIAL_UNIT_APPROVAL_FOR_COLLABORATORS", False)


def news_hours():
    # Bình Phước Điều 9.3.a: 12 administrative hours; Long An Điều 9.2: 8.
    return getattr(settings, "EDITORIAL_NEWS_HOURS", 12)


def general_working_days():
    """The board's own target for items without a deadline in the regulations."""
    return getattr(settings, "EDITORIAL_GENERAL_WORKING_DAYS", 3)


def due_soon_hours():
    """How long before the due time the assignee and the head are warned."""
    return getattr(settings, "EDITORIAL_DUE_SOON_HOURS", 4)


def daily_check_hour():
    # Bình Phước Điều 13.1: something new every working day; remind at this local hour.
    return getattr(settings, "EDITORIAL_DAILY_CHECK_HOUR", 15)


def editing_lock_minutes():
    """How long an open editor counts as "someone is editing this"."""
    return getattr(settings, "EDITORIAL_EDITING_LOCK_MINUTES", 30)


def pending_upload_hours():
    """How long files kept across a failed form submission are held."""
    return getattr(settings, "EDITORIAL_PENDING_UPLOAD_HOURS", 24)
