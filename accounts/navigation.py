from django.urls import reverse
from django.utils.translation import gettext as _


def staff_links(user):
    return [
        {"label": _("Two-step verification"), "url": reverse("accounts:otp_setup")},
        {"label": _("Change password"), "url": reverse("accounts:password_change")},
    ]
