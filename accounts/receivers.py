"""Login bookkeeping and ending sessions of deactivated accounts. Connected in AccountsConfig.ready."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save

from .middleware import SESSION_LOGIN_AT, SESSION_SECOND_FACTOR, SESSION_SEEN_AT
from .models import UserSession
from .services import second_factor_required, session_register, user_sessions_end


def _logged_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[SESSION_LOGIN_AT] = now
    session[SESSION_SEEN_AT] = now
    session[SESSION_SECOND_FACTOR] = second_factor_required(user)
    if not session.session_key:
        session.save()
    from audit.services import client_ip

    session_register(user=user, session_key=session.session_key, ip_address=client_ip(request))


def _logged_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if not created and not instance.is_active:
        user_sessions_end(instance)


def connect():
    user_logged_in.connect(_logged_in, dispatch_uid="accounts_logged_in")
    user_logged_out.connect(_logged_out, dispatch_uid="accounts_logged_out")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="accounts_user_saved")
