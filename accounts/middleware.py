"""Session lifetime and the second factor, enforced on every request."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .services import second_factor_required

SESSION_LOGIN_AT = "_portal_login_at"
SESSION_SEEN_AT = "_portal_seen_at"
SESSION_SECOND_FACTOR = "_portal_second_factor"
# Writing the session on every request costs a database write; a minute's precision is enough.
SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT without activity, and after
    SESSION_ABSOLUTE_LIFETIME whatever happens (the session row is deleted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if settings.SESSION_IDLE_TIMEOUT and user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.get(SESSION_LOGIN_AT)
            seen_at = session.get(SESSION_SEEN_AT, login_at)
            if login_at is None:
                session[SESSION_LOGIN_AT] = login_at = now
            idle = seen_at is not None and now - seen_at > settings.SESSION_IDLE_TIMEOUT
            expired = now - login_at > settings.SESSION_ABSOLUTE_LIFETIME
            if idle or expired:
                logout(request)  # flushes: the server-side session row is gone
                request.session_ended = "idle" if idle else "expired"
            elif seen_at is None or now - seen_at >= SEEN_RESOLUTION:
                session[SESSION_SEEN_AT] = now
        return self.get_response(request)


# Pages a person who still owes a second factor may open.
EXEMPT_URL_NAMES = {
    "login", "logout", "otp_setup", "otp_qr", "otp_verify", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete",
}


def _exempt(request):
    match = request.resolver_match
    if match is None:
        return True
    if match.namespace == "accounts" and match.url_name in EXEMPT_URL_NAMES:
        return True
    return match.url_name in {"healthz", "set_language"}


class SecondFactorMiddleware:
    """Send people who need a second factor to set it up, or to enter a code,
    before any other page (django-otp's `is_verified` comes from OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified() or _exempt(request):
            return None
        # Decided at login and kept in the session: no query on every page.
        state = request.session.get(SESSION_SECOND_FACTOR)
        if state is None:
            state = request.session[SESSION_SECOND_FACTOR] = second_factor_required(user)
        if not state:
            return None
        target = "accounts:otp_verify" if state == "verify" else "accounts:otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
