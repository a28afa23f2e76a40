"""Protection of the public forms against robots and floods, without third parties.

* A honeypot field people never see (robots fill every input).
* Rate limits per IP address and per email address, counted in the cache.
  If the cache (Redis) is down we *fail open*: the submission is accepted and a
  warning is logged. A citizen must never be turned away because of an outage;
  the other defences (CSRF, honeypot, CAPTCHA, length caps) still apply.
* An optional arithmetic CAPTCHA (settings.FEEDBACK_CAPTCHA, default on): the
  question's numbers travel in a token signed with django.core.signing, so no
  server state is needed; a used token is remembered in the cache (best effort)
  so it cannot be replayed while it is valid.
"""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache

logger = logging.getLogger(__name__)

CAPTCHA_SALT = "feedback.captcha"
CAPTCHA_MAX_AGE = 2 * 60 * 60  # seconds a citizen has to fill the form in


def client_ip(request):
    """The client's address. Behind nginx, REMOTE_ADDR is the proxy's unless nginx sets X-Real-IP."""
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or "unknown"


def _limits():
    # (count, seconds) per scope; settings may override each.
    return {
        "ip": getattr(settings, "FEEDBACK_RATE_LIMIT_IP", (10, 3600)),
        "email": getattr(settings, "FEEDBACK_RATE_LIMIT_EMAIL", (5, 3600)),
        "lookup": getattr(settings, "FEEDBACK_RATE_LIMIT_LOOKUP", (20, 3600)),
    }


def _key(scope, value):
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"feedback:rate:{scope}:{digest}"


def rate_limit_exceeded(scope, value):
    """Count one attempt for (scope, value); True when over the limit. Fails open on cache errors."""
    limit, window = _limits()[scope]
    key = _key(scope, value)
    try:
        if cache.add(key, 1, timeout=window):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # the key expired between add and incr: start a new window
                if not cache.add(key, 1, timeout=window):
                    # Neither add nor incr worked: the tolerant cache (operations.cache) is hiding an outage.
                    logger.warning("Rate limit not checked (%s): cache unavailable", scope)
                    return False
                count = 1
    except Exception as exc:  # Redis down or unreachable: never block a citizen because of it
        logger.warning("Rate limit not checked (%s): cache unavailable: %s", scope, exc)
        return False
    return count > limit


def captcha_enabled():
    return bool(getattr(settings, "FEEDBACK_CAPTCHA", True))


def captcha_new():
    """Return (question text, signed token) for a fresh arithmetic challenge."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(8)}, salt=CAPTCHA_SALT, compress=True)
    return f"{a} + {b}", token


def captcha_solution(token):
    """The expected answer of a token, or None if it is forged or expired (for tests and checks)."""
    try:
        data = signing.loads(token, salt=CAPTCHA_SALT, max_age=CAPTCHA_MAX_AGE)
    except (signing.BadSignature, TypeError):
        return None
    return data["a"] + data["b"], data["n"]


def captcha_check(token, answer):
    """True if `answer` solves the signed challenge and the token was not used before."""
    solved = captcha_solution(token or "")
    if solved is None:
        return False
    expected, nonce = solved
    try:
        if int(str(answer).strip()) != expected:
            return False
    except (TypeError, ValueError):
        return False
    key = f"feedback:captcha:{nonce}"
    try:
        if cache.add(key, 1, timeout=CAPTCHA_MAX_AGE):
            return True
        # add() is False for a replay, but the tolerant Redis cache (operations.cache) also answers False
        # while Redis is down. Only a token really remembered is a replay; an outage must not refuse
        # every citizen (the limits fail open the same way).
        if cache.get(key) is not None:
            return False
        logger.warning("CAPTCHA replay not checked: cache unavailable")
    except Exception as exc:
        logger.warning("CAPTCHA replay not checked: cache unavailable: %s", exc)
    return True
