import pytest
from django_otp.oath import TOTP


@pytest.fixture
def second_factor_for_board(settings):
    """Production's rule: head, secretary and site administrators need TOTP."""
    settings.OTP_REQUIRED_ROLES = ["head", "secretary", "site_admin"]
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True


@pytest.fixture
def session_limits(settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_ABSOLUTE_LIFETIME = 12 * 3600


def totp_now(device):
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def token_for(device):
    return f"{totp_now(device):06d}"


PASSWORD = "Mat-khau-dai-2026"


def log_in(client, username, password=PASSWORD, **extra):
    return client.post("/tai-khoan/dang-nhap/", {"username": username, "password": password, **extra}, **{})
