"""Hand tasks to Celery after the database commit, never losing them.

`task_send(name, **kwargs)` runs after the surrounding transaction commits. If
the broker cannot be reached within the short timeouts in settings, the task is
stored in core.OutboxTask and resent by `outbox_drain` (beat, every minute, and
at worker start), so a stopped Redis delays work but loses none of it.
"""

import logging

from django.db import transaction

from .models import OutboxTask

logger = logging.getLogger(__name__)


def _publish(task_name, kwargs):
    from django.conf import settings

    from portal.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Development and tests without a broker: run inline, as Celery's eager mode does.
        if task_name not in app.tasks:
            app.loader.import_default_modules()  # autodiscovery happens only in workers otherwise
        app.tasks[task_name].apply(kwargs=kwargs, throw=True).get()
    else:
        # ignore_result: nobody waits for an outbox task's result, and subscribing to the
        # result backend would retry for ~20 s when Redis is down before failing over.
        app.send_task(task_name, kwargs=kwargs, ignore_result=True)


def task_send_now(task_name, kwargs):
    """Try to publish one task; on broker failure keep it in the outbox. Returns True if sent."""
    try:
        _publish(task_name, kwargs)
        return True
    except Exception as exc:  # the broker's errors vary: connection, timeout, DNS...
        logger.warning("Broker unavailable for %s, kept in outbox: %s", task_name, exc)
        OutboxTask.objects.create(task_name=task_name, kwargs=kwargs, last_error=str(exc)[:2000])
        return False


def task_send(task_name, **kwargs):
    """Schedule a task by name for after the current transaction commits."""
    transaction.on_commit(lambda: task_send_now(task_name, kwargs))


def outbox_drain(limit=500):
    """Resend stored tasks; returns how many were handed to the broker."""
    sent = 0
    for entry in OutboxTask.objects.order_by("created_at")[:limit]:
        try:
            _publish(entry.task_name, entry.kwargs)
        except Exception as exc:
            entry.attempts += 1
            entry.last_error = str(exc)[:2000]
            entry.save(update_fields=["attempts", "last_error"])
            break  # the broker is still down: try again on the next beat
        entry.delete()
        sent += 1
    return sent
