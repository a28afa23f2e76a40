from django.urls import reverse
from django.utils.translation import gettext_lazy

LINKS = [
    (
        "publicinfo.change_procedure",
        gettext_lazy("Administrative procedures"),
        "admin:publicinfo_procedure_changelist",
    ),
    (
        "publicinfo.change_scheduleentry",
        gettext_lazy("Leadership weekly schedule"),
        "admin:publicinfo_scheduleentry_changelist",
    ),
    (
        "publicinfo.change_notice",
        gettext_lazy("Announcements, plans and other dated documents"),
        "admin:publicinfo_notice_changelist",
    ),
    (
        "publicinfo.change_judicialentry",
        gettext_lazy("Judicial support and legal aid lists"),
        "admin:publicinfo_judicialentry_changelist",
    ),
    ("publicinfo.change_weblink", gettext_lazy("Web links"), "admin:publicinfo_weblink_changelist"),
]


def staff_links(user):
    """The public information modules are edited in the admin by the secretary and the site administrator."""
    if not user.is_staff:
        return []
    return [
        {"label": str(label), "url": reverse(url), "badge": None}
        for perm, label, url in LINKS
        if user.has_perm(perm)
    ]
