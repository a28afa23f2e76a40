from celery.schedules import crontab

SCHEDULE = {
    "operations-backup-daily": {"task": "operations.tasks.backup_daily", "schedule": crontab(hour=1, minute=15)},
}
