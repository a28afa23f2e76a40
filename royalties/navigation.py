from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .models import RecordStatus, RoyaltyRecord


def staff_links(user):
    """Workspace links: own royalties for everyone with records; board, office and leadership pages by role."""
    links = []
    if selectors.can_see_all(user):
        badge = None
        if selectors.can_approve(user):
            badge = RoyaltyRecord.objects.filter(status=RecordStatus.PROPOSED).count() or None
        elif selectors.can_propose(user):
            badge = RoyaltyRecord.objects.filter(status=RecordStatus.PENDING).count() or None
        links.append({"label": _("Royalty records"), "url": reverse("royalties:records"), "badge": badge})
    if selectors.can_see_statements(user):
        links.append(
            {"label": _("Royalty statements"), "url": reverse("royalties:statements"), "badge": None}
        )
    if selectors.can_see_totals(user):
        links.append({"label": _("Royalties per unit"), "url": reverse("royalties:totals"), "badge": None})
    if user.is_authenticated and RoyaltyRecord.objects.filter(recipient=user).exists():
        links.append({"label": _("My royalties"), "url": reverse("royalties:mine"), "badge": None})
    return links
