from celery.schedules import crontab

SCHEDULE = {
    "articles-visits-flush": {"task": "articles.tasks.visits_flush", "schedule": crontab(minute="*/5")},
}
