"""Links of the editorial workflow for the staff workspace (/lam-viec/) and the staff area's menu."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.notify import unread_count

from . import permissions as perms
from . import selectors


def staff_links(user):
    """Only the pages this user may open, with counts of what waits for them."""
    if not user or not user.is_authenticated:
        return []
    links = []
    if perms.can_submit(user):
        links.append({"label": _("Submit a news item or article"), "url": reverse("editorial:submit")})
        links.append({"label": _("My items"), "url": reverse("editorial:my_items")})
    if perms.led_unit_ids(user):
        links.append({"label": _("My unit's items"), "url": reverse("editorial:unit")})
    if perms.can_receive(user):
        links.append(
            {
                "label": _("Received items"),
                "url": reverse("editorial:inbox"),
                "badge": selectors.inbox(user).count() or None,
            }
        )
    if perms.is_board(user) or perms.led_unit_ids(user):
        links.append(
            {
                "label": _("My tasks"),
                "url": reverse("editorial:tasks"),
                "badge": selectors.tasks_for(user).count() or None,
            }
        )
    if perms.is_board(user):
        links.append({"label": _("All items"), "url": reverse("editorial:board")})
    if perms.can_delegate(user):
        links.append({"label": _("Delegation"), "url": reverse("editorial:delegations")})
    links.append(
        {
            "label": _("Notifications"),
            "url": reverse("editorial:notifications"),
            "badge": unread_count(user) or None,
        }
    )
    return links
