import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session

from accounts.services import user_sessions_end

from .conftest import log_in

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def test_thirty_idle_minutes_end_the_session(client, alice, session_limits):
    with time_machine.travel(START, tick=False) as clock:
        log_in(client, "alice")
        key = client.session.session_key
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/lam-viec/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/lam-viec/")
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]
    assert not Session.objects.filter(session_key=key).exists()


def test_activity_keeps_the_session_alive_until_its_absolute_lifetime(client, alice, session_limits):
    with time_machine.travel(START, tick=False) as clock:
        log_in(client, "alice")
        for _ in range(23):  # every 25 minutes for 9.5 hours
            clock.shift(dt.timedelta(minutes=25))
            assert client.get("/lam-viec/").status_code == 200
        for _ in range(7):
            clock.shift(dt.timedelta(minutes=25))
            response = client.get("/lam-viec/")
    assert response.status_code == 302


def test_deactivating_a_user_ends_all_their_sessions(client, alice, session_limits):
    from django.test import Client

    log_in(client, "alice")
    other = Client()
    log_in(other, "alice")
    assert client.get("/lam-viec/").status_code == 200
    alice.is_active = False
    alice.save()
    assert client.get("/lam-viec/").status_code == 302
    assert other.get("/lam-viec/").status_code == 302
    assert not Session.objects.exists()


def test_ending_sessions_leaves_other_users_logged_in(client, alice, bob):
    from django.test import Client

    log_in(client, "alice")
    other = Client()
    log_in(other, "bob")
    assert user_sessions_end(alice) == 1
    assert other.get("/lam-viec/").status_code == 200


def test_session_cookie_is_httponly_and_samesite(client, alice):
    response = log_in(client, "alice")
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_an_administrator_ends_a_users_sessions_and_removes_a_lost_authenticator(client, alice):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from audit.models import AuditEntry
    from tests.factories import make_user

    boss = make_user(None, username="root", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    other = Client()
    log_in(other, "alice")
    client.force_login(boss)
    response = client.post("/quan-tri/auth/user/", {"action": "remove_second_factor", "_selected_action": [alice.pk]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert other.get("/lam-viec/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.otp.remove", object_id=str(alice.pk), actor=boss).exists()
