"""Who may do what to an item: the `may` predicates of the workflow table and the views' access checks.

Model permissions (editorial.receive_item...) come from the roles' groups; the
object level comes from the item: its author, its assignee, or its unit, whose
leader holds guardian's object permission organisation.lead_unit.
"""

from django.utils import timezone

from articles.models import ItemStatus


def _cached(user, name, compute):
    cache = user.__dict__.setdefault("_editorial_cache", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def is_delegate(user):
    """True if the head has authorised this user to verify and approve (Long An Điều 8.3.b)."""
    if not user or not user.is_authenticated:
        return False
    from .models import Delegation

    return _cached(
        user, "delegate", lambda: Delegation.objects.filter(delegate=user, revoked_at__isnull=True).exists()
    )


def can_receive(user):
    return bool(user and user.is_authenticated and user.has_perm("editorial.receive_item"))


def can_publish(user):
    return bool(user and user.is_authenticated and user.has_perm("editorial.publish_item"))


def can_edit_step(user):
    return bool(user and user.is_authenticated and user.has_perm("editorial.edit_item"))


def can_verify(user):
    """Step 2 and 3 belong to the head, or to whom the head delegated them."""
    if not user or not user.is_authenticated:
        return False
    return user.has_perm("editorial.verify_item") or is_delegate(user)


def can_final_approve(user):
    if not user or not user.is_authenticated:
        return False
    return user.has_perm("editorial.approve_item") or is_delegate(user)


def can_delegate(user):
    return bool(user and user.is_authenticated and user.has_perm("editorial.delegate_steps"))


def can_submit(user):
    return bool(user and user.is_authenticated and user.has_perm("editorial.submit_item"))


def is_board(user):
    return can_receive(user) or can_edit_step(user) or can_verify(user) or can_publish(user)


def leads_unit(user, unit_id):
    """Guardian's object permission on the unit (granted when a leader is added)."""
    if not user or not user.is_authenticated or unit_id is None:
        return False

    def compute():
        from organisation.models import Unit

        unit = Unit.objects.filter(pk=unit_id).first()
        return bool(unit and user.has_perm("organisation.lead_unit", unit))

    return _cached(user, f"lead:{unit_id}", compute)


def led_unit_ids(user):
    if not user or not user.is_authenticated:
        return []
    from guardian.shortcuts import get_objects_for_user

    from organisation.models import Unit

    return _cached(
        user,
        "led_units",
        lambda: list(
            get_objects_for_user(user, "organisation.lead_unit", Unit, accept_global_perms=False).values_list(
                "pk", flat=True
            )
        ),
    )


def is_author(user, item):
    return bool(user and user.is_authenticated and item.author_id == user.pk)


def can_view(user, item):
    """The object-level rule behind every item page (404 otherwise)."""
    if not user or not user.is_authenticated:
        return False
    if is_author(user, item):
        return True
    if item.status == ItemStatus.DRAFT:
        return False  # a draft is the author's own until sent
    if item.unit_id and leads_unit(user, item.unit_id):
        return True
    if can_receive(user) or can_verify(user) or can_publish(user):
        return True
    return can_edit_step(user) and item.assignee_id == user.pk


def can_author_edit(user, item):
    return is_author(user, item) and item.status in (ItemStatus.DRAFT, ItemStatus.RETURNED)


def can_board_edit(user, item):
    """Step 1 is the assignee's; the head and delegates may correct during steps 2–3."""
    if item.status == ItemStatus.EDITING:
        return item.assignee_id == user.pk and can_edit_step(user)
    if item.status in (ItemStatus.VERIFYING, ItemStatus.FINAL_REVIEW):
        return can_verify(user)
    return False


def editing_by_other(item, user, minutes):
    """The other person currently editing this item, if their lock is fresh."""
    if not item.editing_by_id or item.editing_by_id == user.pk or not item.editing_since:
        return None
    if timezone.now() - item.editing_since > timezone.timedelta(minutes=minutes):
        return None
    return item.editing_by
