import pytest
from django.contrib.sessions.models import Session

from audit.models import AuditEntry

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db


def test_login_rotates_the_session_key(client, alice):
    client.get("/tai-khoan/dang-nhap/")
    client.session.save()
    before = client.session.session_key
    response = log_in(client, "alice")
    assert response.status_code == 302
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_successful_and_failed_logins_are_audited_with_ip(client, alice):
    log_in(client, "alice", "wrong-password-123")
    log_in(client, "alice")
    failure = AuditEntry.objects.get(action="accounts.login.failure")
    success = AuditEntry.objects.get(action="accounts.login.success")
    assert failure.changes["username"] == "alice"
    assert "wrong-password" not in str(failure.changes)
    assert success.actor == alice
    assert success.ip_address == "127.0.0.1"


def test_login_ignores_a_next_pointing_to_another_site(client, alice):
    response = log_in(client, "alice", next="//evil.example/steal")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_login_follows_a_local_next(client, alice):
    response = log_in(client, "alice", next="/lam-viec/")
    assert response["Location"] == "/lam-viec/"


def test_five_wrong_passwords_lock_the_account_with_a_translated_message(client, alice):
    for _ in range(5):
        log_in(client, "alice", "wrong-password-123")
    response = log_in(client, "alice")  # even the right password
    assert response.status_code == 429
    page = response.content.decode()
    assert "Đăng nhập bị tạm khóa" in page or "tạm khóa" in page
    assert "alice" not in page
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_from_one_address_lock_that_address_for_every_account(client, alice, bob):
    for number in range(5):
        log_in(client, f"no-such-user-{number}", "wrong-password-123")
    response = log_in(client, "bob")
    assert response.status_code == 429


def test_another_address_can_still_log_in_when_one_address_is_locked(client, alice, bob):
    for number in range(5):
        log_in(client, f"ghost-{number}", "wrong-password-123")
    response = client.post("/tai-khoan/dang-nhap/", {"username": "bob", "password": PASSWORD},
                           REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


def test_logout_deletes_the_server_side_session(client, alice):
    log_in(client, "alice")
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/tai-khoan/dang-xuat/")
    assert not Session.objects.filter(session_key=key).exists()
    assert AuditEntry.objects.filter(action="accounts.logout", actor=alice).exists()
