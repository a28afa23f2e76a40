import pytest
from django.contrib.auth.models import Group

from organisation.roles import Role, user_has_role


@pytest.mark.django_db
def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= {str(r) for r in Role}


def test_unit_leader_has_object_permission_on_own_unit_only(carol, unit, other_unit):
    assert carol.has_perm("organisation.lead_unit", unit)
    assert not carol.has_perm("organisation.lead_unit", other_unit)


def test_roles_are_read_from_groups(alice, hana):
    assert user_has_role(alice, Role.AUTHOR) and not user_has_role(alice, Role.HEAD)
    assert user_has_role(hana, Role.HEAD)
