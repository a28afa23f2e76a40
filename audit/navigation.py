from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import can_read_audit_log


def staff_links(user):
    if not can_read_audit_log(user):
        return []
    return [{"label": _("Audit log"), "url": reverse("audit:entry_list")}]
