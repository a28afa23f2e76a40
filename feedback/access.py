"""Who may see and handle citizens' submissions (Bình Phước Điều 11; DOMAIN.md "Citizen feedback").

The secretary receives and routes; the board (secretary, head, deputy head)
approves answers; the assigned unit — its leaders (guardian perm
`organisation.lead_unit`) and its staff — drafts the answer; the department's
leadership decides on items involving several units. Only these people see a
sender's contact details.
"""

from organisation.roles import Role, user_has_role
from organisation.selectors import unit_of, units_led_by

APPROVER_ROLES = (Role.SECRETARY, Role.HEAD, Role.DEPUTY_HEAD)
BOARD_ROLES = (Role.SECRETARY, Role.BOARD_MEMBER, Role.DEPUTY_HEAD, Role.HEAD)


def is_secretary(user):
    return user_has_role(user, Role.SECRETARY)


def is_approver(user):
    return user_has_role(user, *APPROVER_ROLES)


def is_board(user):
    return user_has_role(user, *BOARD_ROLES)


def is_leadership(user):
    return user_has_role(user, Role.LEADERSHIP)


def is_unit_member(user, unit):
    """A leader of `unit` (object permission) or a staff member whose profile is in it."""
    if unit is None or not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("organisation.lead_unit", unit):
        return True
    if not hasattr(user, "_feedback_unit"):
        user._feedback_unit = unit_of(user)
    return user._feedback_unit is not None and user._feedback_unit.pk == unit.pk


def can_handle_questions(user):
    """May open the staff inbox at all (what they see in it is filtered per question)."""
    if is_board(user) or is_leadership(user):
        return True
    return bool(user.is_authenticated and (unit_of(user) or units_led_by(user).exists()))


def can_see_question(user, question):
    if is_board(user) or is_leadership(user):
        return True
    return is_unit_member(user, question.unit)


def can_see_personal_data(user, question):
    """Secretary, board, the assigned unit; leadership only while the question is with them."""
    from .models import QuestionStatus

    if is_board(user):
        return True
    if is_leadership(user) and question.status == QuestionStatus.ESCALATED:
        return True
    return is_unit_member(user, question.unit)


def can_manage_drafts(user):
    return user_has_role(user, *APPROVER_ROLES, Role.SITE_ADMIN)


def can_see_dashboard(user):
    return is_board(user) or user_has_role(user, Role.LEADERSHIP, Role.SITE_ADMIN)
