import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from core.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/tai-khoan/quen-mat-khau/", {"email": alice.email})
        unknown = client.post("/tai-khoan/quen-mat-khau/", {"email": "nobody@example.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert OutgoingEmail.objects.count() == 1
    assert mail.outbox[0].to == [alice.email]


def test_the_reset_link_sets_a_new_password_and_ends_old_sessions(
    client, alice, django_capture_on_commit_callbacks
):
    from django.test import Client

    other = Client()
    other.post("/tai-khoan/dang-nhap/", {"username": "alice", "password": "Mat-khau-dai-2026"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tai-khoan/quen-mat-khau/", {"email": alice.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/dat-lai-mat-khau/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    new = "Bờ-sông-Bé-mùa-nước-lên-2026"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)
    assert other.get("/lam-viec/").status_code == 302


@pytest.mark.parametrize("password", ["ngan-qua", "password1234", "P@ssw0rd2026!!", "matkhau123456", "123456789012"])
def test_short_common_and_leaked_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Đồng-Xoài-mùa-mưa-bóng-mát-2026")
