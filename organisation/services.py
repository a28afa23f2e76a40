from django.core.cache import cache
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from operations.cache import near_cache

from .models import Department, StaffProfile, Unit
from .roles import Role
from .selectors import DEPARTMENT_CACHE_KEY


def department_update(**fields):
    department = Department.objects.first() or Department()
    for name, value in fields.items():
        setattr(department, name, value)
    department.full_clean()
    department.save()
    cache.delete(DEPARTMENT_CACHE_KEY)
    near_cache.clear()
    return department


@transaction.atomic
def unit_leader_add(*, unit, user):
    """Make `user` a leader of `unit`: membership, role group and the object permission."""
    from django.contrib.auth.models import Group

    unit.leaders.add(user)
    user.groups.add(Group.objects.get(name=Role.UNIT_LEADER))
    assign_perm("organisation.lead_unit", user, unit)


@transaction.atomic
def unit_leader_remove(*, unit, user):
    unit.leaders.remove(user)
    remove_perm("organisation.lead_unit", user, unit)


def staff_profile_set(*, user, unit, position="", office_phone="", mobile_phone=""):
    profile, _ = StaffProfile.objects.update_or_create(
        user=user,
        defaults={"unit": unit, "position": position, "office_phone": office_phone,
                  "mobile_phone": mobile_phone},
    )
    return profile


def unit_create(*, name, kind=Unit.Kind.INTERNAL, order=0, **extra):
    unit = Unit(name=name, kind=kind, order=order, **extra)
    unit.full_clean()
    unit.save()
    return unit
