"""Settings of the feedback app, read when used (never at import), with their defaults."""

from django.conf import settings


def retention_months():
    """Months after closing before a sender's contact details are erased."""
    return int(getattr(settings, "FEEDBACK_RETENTION_MONTHS", 24))


def consent_version():
    """Version of the privacy notice shown beside the consent box; stored with each consent."""
    return str(getattr(settings, "FEEDBACK_CONSENT_VERSION", "2026-01"))


def public_name_mode():
    """How a sender's name appears in public Q&A: "initials" (default) or "hidden"."""
    return getattr(settings, "FEEDBACK_PUBLIC_NAME", "initials")
