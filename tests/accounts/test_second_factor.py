import datetime as dt

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry

from .conftest import log_in, token_for

pytestmark = pytest.mark.django_db


def test_head_of_board_must_set_up_totp_before_staff_pages(client, hana, second_factor_for_board):
    log_in(client, "hana")
    response = client.get("/lam-viec/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/")


def test_setting_up_totp_with_the_qr_code_unlocks_the_workspace(client, hana, second_factor_for_board):
    log_in(client, "hana")
    page = client.get("/tai-khoan/xac-thuc-hai-buoc/?next=/lam-viec/")
    assert page.status_code == 200
    assert 'src="/tai-khoan/xac-thuc-hai-buoc/ma-qr.png"' in page.content.decode()
    qr = client.get("/tai-khoan/xac-thuc-hai-buoc/ma-qr.png")
    assert qr["Content-Type"] == "image/png" and qr.content.startswith(b"\x89PNG")
    device = TOTPDevice.objects.get(user=hana)
    response = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"otp_token": token_for(device), "next": "/lam-viec/"})
    assert response["Location"] == "/lam-viec/"
    assert client.get("/lam-viec/").status_code == 200
    assert TOTPDevice.objects.get(user=hana).confirmed
    assert AuditEntry.objects.filter(action="accounts.otp.enable", actor=hana).exists()


def test_a_wrong_code_keeps_the_second_factor_off(client, hana, second_factor_for_board):
    log_in(client, "hana")
    client.get("/tai-khoan/xac-thuc-hai-buoc/")
    response = client.post("/tai-khoan/xac-thuc-hai-buoc/", {"otp_token": "000000"})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode() or response.context["form"].errors
    assert not TOTPDevice.objects.filter(user=hana, confirmed=True).exists()


def test_next_login_asks_for_the_code_and_accepts_the_right_one(client, hana, second_factor_for_board):
    device = TOTPDevice.objects.create(user=hana, name="phone", confirmed=True)
    with time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC), tick=False) as clock:
        log_in(client, "hana")
        response = client.get("/lam-viec/")
        assert response["Location"].startswith("/tai-khoan/ma-xac-thuc/")
        wrong = client.post("/tai-khoan/ma-xac-thuc/", {"otp_token": "123456", "next": "/lam-viec/"})
        assert wrong.status_code == 200
        assert client.get("/lam-viec/").status_code == 302
        clock.shift(dt.timedelta(seconds=2))  # django-otp slows down guessing after a wrong code
        device.refresh_from_db()
        right = client.post("/tai-khoan/ma-xac-thuc/", {"otp_token": token_for(device), "next": "/lam-viec/"})
        assert right["Location"] == "/lam-viec/"
        assert client.get("/lam-viec/").status_code == 200


def test_guessing_codes_quickly_is_slowed_down(client, hana, second_factor_for_board):
    device = TOTPDevice.objects.create(user=hana, name="phone", confirmed=True)
    with time_machine.travel(dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC), tick=False):
        log_in(client, "hana")
        client.post("/tai-khoan/ma-xac-thuc/", {"otp_token": "123456"})
        response = client.post("/tai-khoan/ma-xac-thuc/", {"otp_token": token_for(device)})
    assert response.status_code == 200
    assert client.get("/lam-viec/").status_code == 302


def test_a_password_alone_cannot_replace_an_existing_authenticator(client, hana, second_factor_for_board):
    TOTPDevice.objects.create(user=hana, name="phone", confirmed=True)
    log_in(client, "hana")
    response = client.get("/tai-khoan/xac-thuc-hai-buoc/")
    assert response["Location"].startswith("/tai-khoan/ma-xac-thuc/")
    assert client.get("/tai-khoan/xac-thuc-hai-buoc/ma-qr.png").status_code == 403
    assert TOTPDevice.objects.filter(user=hana).count() == 1


def test_an_author_is_not_forced_but_may_opt_in(client, alice, second_factor_for_board):
    log_in(client, "alice")
    assert client.get("/lam-viec/").status_code == 200
    client.get("/tai-khoan/xac-thuc-hai-buoc/")
    device = TOTPDevice.objects.get(user=alice)
    client.post("/tai-khoan/xac-thuc-hai-buoc/", {"otp_token": token_for(device)})
    client.post("/tai-khoan/dang-xuat/")
    log_in(client, "alice")
    assert client.get("/lam-viec/")["Location"].startswith("/tai-khoan/ma-xac-thuc/")


def test_secretary_cannot_reach_the_admin_without_the_second_factor(client, sam, second_factor_for_board):
    log_in(client, "sam")
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/")
