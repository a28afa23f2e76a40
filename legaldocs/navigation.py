from django.urls import reverse
from django.utils.translation import gettext as _


def staff_links(user):
    """Editors manage the legal documents database in the admin (import from Excel there too)."""
    if not (user.is_staff and user.has_perm("legaldocs.change_legaldocument")):
        return []
    return [
        {
            "label": _("Legal documents database"),
            "url": reverse("admin:legaldocs_legaldocument_changelist"),
            "badge": None,
        }
    ]
