from django.urls import reverse
from django.utils.translation import gettext as _


def staff_links(user):
    if not (user.is_staff and user.has_perm("sharing.change_componentsite")):
        return []
    return [
        {
            "label": _("Component sites (aggregated feeds)"),
            "url": reverse("admin:sharing_componentsite_changelist"),
            "badge": None,
        }
    ]
