from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors


def staff_links(user):
    """The dashboard for those who may see it; the yearly appendix for those who see every unit."""
    sees_all, units = selectors.visible_units(user)
    if not sees_all and not units:
        return []
    links = [
        {"label": _("Monthly quotas (tin, bài)"), "url": reverse("quotas:dashboard"), "badge": None},
        {"label": _("Emulation ranking"), "url": reverse("quotas:ranking"), "badge": None},
    ]
    if sees_all:
        links.append({"label": _("Items published per year"), "url": reverse("quotas:yearly"), "badge": None})
    return links
