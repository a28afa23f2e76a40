from celery.schedules import crontab

SCHEDULE = {
    "audit-purge": {"task": "audit.tasks.audit_purge", "schedule": crontab(hour=2, minute=30)},
}
