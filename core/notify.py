"""Notices to people: an in-app notification and/or an email, both idempotent.

Callers pass a `key` naming the event (e.g. "editorial:42:publish:7"); a second
call with the same key (a redelivered task, a double click) creates nothing new.
"""

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Notification, OutgoingEmail
from .outbox import task_send


def email_queue(*, to, subject, body, key):
    """Store an email and deliver it after commit. Returns the OutgoingEmail (new or existing)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    email, created = OutgoingEmail.objects.get_or_create(
        key=key[:200], defaults={"to": recipients, "subject": subject[:300], "body": body}
    )
    if created:
        task_send("core.tasks.email_deliver", email_id=email.pk)
    return email


def email_deliver(email_id):
    """Send one stored email once; safe to call twice (a redelivered task)."""
    from django.core.mail import send_mail
    from django.utils import timezone

    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutgoingEmail.Status.SENT:
            return False
        try:
            send_mail(
                email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to, fail_silently=False
            )
        except Exception as exc:  # SMTP down: keep it pending for the next drain
            email.attempts += 1
            email.last_error = str(exc)[:2000]
            email.save(update_fields=["attempts", "last_error"])
            return False
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.attempts += 1
        email.save(update_fields=["status", "sent_at", "attempts"])
    return True


def email_pending_ids(limit=200):
    return list(
        OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, attempts__lt=50)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def notify(*, users, verb, message, url="", key, email_subject=None, email_body=None):
    """Notify each user in-app and, with a subject, by email."""
    for user in {u for u in users if u is not None and u.is_active}:
        user_key = f"{key}:u{user.pk}"[:200]
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=user, verb=verb, message=message[:500], url=url, key=user_key
                )
        except IntegrityError:
            continue  # already notified for this event
        if email_subject and user.email:
            link = f"{settings.SITE_URL}{url}" if url else ""
            email_queue(
                to=[user.email],
                subject=email_subject,
                body=(email_body or message) + (f"\n\n{link}" if link else ""),
                key=user_key,
            )


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
