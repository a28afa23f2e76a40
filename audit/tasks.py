from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(name="audit.tasks.audit_purge", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def audit_purge():
    """Idempotent: a second run finds nothing older than the retention."""
    return services.audit_purge()
