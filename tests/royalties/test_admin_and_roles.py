import datetime as dt

import pytest
from django.urls import reverse

from organisation.roles import Role
from royalties.models import CoefficientRate
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PERMISSIONS = {
    "royalties.propose_royaltyrecord": {Role.SECRETARY, Role.BOARD_MEMBER, Role.DEPUTY_HEAD, Role.HEAD},
    "royalties.approve_royaltyrecord": {Role.HEAD},
    "royalties.prepare_statement": {Role.SECRETARY, Role.OFFICE},
    "royalties.pay_statement": {Role.OFFICE},
    "royalties.view_royalty_totals": {Role.HEAD, Role.OFFICE, Role.LEADERSHIP},
    "royalties.change_coefficientrate": {Role.SITE_ADMIN},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_royalty_permissions(role, unit):
    user = make_user(role, unit=unit)
    for permission, roles in PERMISSIONS.items():
        assert user.has_perm(permission) == (role in roles), (role, permission)


def test_default_rates_are_in_place_from_2026():
    rates = {
        rate.kind: (rate.coefficient_min, rate.coefficient_max) for rate in CoefficientRate.objects.all()
    }
    assert rates["tin"] == (1, 3) and rates["bai"] == (3, 10) and rates["research"] == (10, 20)
    assert CoefficientRate.objects.filter(valid_from=dt.date(2026, 1, 1)).count() == 6


def test_the_site_administrator_keeps_the_rate_table_in_the_admin(client, unit):
    admin = make_user(Role.SITE_ADMIN, unit=unit, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("admin:royalties_coefficientrate_changelist")).status_code == 200
    url = reverse("admin:royalties_coefficientrate_add")
    overlapping = {"kind": "tin", "coefficient_min": "1", "coefficient_max": "4", "valid_from": "2026-06-01"}
    response = client.post(url, overlapping)
    assert response.status_code == 200 and "một phần thời gian này" in response.content.decode()
    rate = CoefficientRate.objects.get(kind="tin")
    rate.valid_to = dt.date(2026, 12, 31)
    rate.save()
    response = client.post(url, {**overlapping, "valid_from": "2027-01-01"})
    assert response.status_code == 302
    assert CoefficientRate.objects.filter(kind="tin").count() == 2


def test_records_and_history_are_read_only_in_the_admin(client, unit):
    admin = make_user(Role.SITE_ADMIN, unit=unit, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("admin:royalties_royaltyrecord_changelist")).status_code == 200
    assert client.get(reverse("admin:royalties_royaltyrecord_add")).status_code == 403
    assert client.get(reverse("admin:royalties_royaltyevent_add")).status_code == 403
