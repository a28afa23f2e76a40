"""Account security: sessions that end on the server, and the second factor."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.roles import user_has_role

from .models import UserSession


def second_factor_needed(user):
    """True if the user's role (or superuser status) makes TOTP compulsory."""
    if user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
        return True
    return bool(settings.OTP_REQUIRED_ROLES) and user_has_role(user, *settings.OTP_REQUIRED_ROLES)


def second_factor_required(user):
    """What the user must do before using the site: "verify", "setup" or "" (nothing).

    Anyone with a confirmed device must use it (opting in is binding); people in
    the roles listed in OTP_REQUIRED_ROLES must set one up first.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return "verify"
    if second_factor_needed(user):
        return "setup"
    return ""


def totp_device_pending(user):
    """The unconfirmed device being set up (one per user), created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user, device, token):
    """Confirm a device with a first valid code; the user's other devices are removed."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    from audit.services import audit_record

    audit_record(actor=user, action="accounts.otp.enable", obj=user)
    return True


def totp_device_remove(*, user, actor):
    """Remove a user's second factor (an administrator, when a phone is lost)."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    from audit.services import audit_record

    audit_record(actor=actor, action="accounts.otp.remove", obj=user)
    return deleted


def session_register(*, user, session_key, ip_address=None):
    if session_key:
        UserSession.objects.get_or_create(session_key=session_key, defaults={"user": user, "ip_address": ip_address})


def user_sessions_end(user):
    """Delete every server-side session of the user (deactivation, "log out everywhere")."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
