import time

from celery import shared_task
from django.db import OperationalError

from . import services
from .models import Heartbeat


@shared_task(name="operations.tasks.backup_daily", autoretry_for=(OperationalError,), retry_backoff=True,
             max_retries=3, time_limit=3 * 3600, soft_time_limit=3 * 3600 - 60)
def backup_daily():
    """Idempotent: a set named after the same second exists already."""
    return str(services.backup_create())


@shared_task(name="operations.tasks.heartbeat", autoretry_for=(OperationalError,), retry_backoff=True,
             max_retries=5)
def heartbeat(key, hold_seconds=0):
    """Record that the task path works; the row is created once however often it is delivered.

    `hold_seconds` keeps the task running after its effect (used to prove that a
    worker killed mid-task leads to redelivery without a second effect).
    """
    from django.db.models import F

    Heartbeat.objects.get_or_create(key=key)
    Heartbeat.objects.filter(key=key).update(deliveries=F("deliveries") + 1)
    if hold_seconds:
        time.sleep(min(float(hold_seconds), 60))
    return key
