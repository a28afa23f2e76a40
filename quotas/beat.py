"""Beat entries for quotas (merged by portal.settings). Both tasks run daily and are idempotent,
so a day the worker was down is caught up the next morning."""

from celery.schedules import crontab

SCHEDULE = {
    "quotas-month-close": {"task": "quotas.tasks.month_close_previous", "schedule": crontab(hour=6, minute=30)},
    "quotas-reminders": {"task": "quotas.tasks.reminders_send", "schedule": crontab(hour=8, minute=0)},
}
