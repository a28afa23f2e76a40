from celery import shared_task

from . import notify, outbox


@shared_task(name="core.tasks.email_deliver")
def email_deliver(email_id):
    return notify.email_deliver(email_id)


@shared_task(name="core.tasks.outbox_drain")
def outbox_drain():
    """Resend tasks kept while the broker was down, and retry unsent emails."""
    sent = outbox.outbox_drain()
    delivered = sum(1 for pk in notify.email_pending_ids() if notify.email_deliver(pk))
    return {"tasks": sent, "emails": delivered}
