from django.urls import reverse
from django.utils.translation import gettext as _

from . import access, selectors


def staff_links(user):
    links = []
    if access.can_handle_questions(user):
        links.append({"label": _("Citizens' questions and petitions"), "url": reverse("feedback:staff_inbox"),
                      "badge": selectors.staff_todo_count(user) or None})
    if access.can_see_dashboard(user):
        links.append({"label": _("Feedback dashboard"), "url": reverse("feedback:staff_dashboard"), "badge": None})
    if access.can_manage_drafts(user):
        links.append({"label": _("Drafts for public comment"), "url": reverse("feedback:staff_drafts"), "badge": None})
    return links
