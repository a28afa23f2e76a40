from celery.schedules import crontab

SCHEDULE = {
    "editorial-publish-scheduled": {"task": "editorial.tasks.publish_scheduled", "schedule": 60.0},
    "editorial-deadlines-check": {
        "task": "editorial.tasks.deadlines_check",
        "schedule": crontab(minute="*/15"),
    },
    # Bình Phước Điều 13.1; the task itself checks the configured hour and the working day.
    "editorial-daily-publication-check": {
        "task": "editorial.tasks.daily_publication_check",
        "schedule": crontab(minute=5, hour="7-17", day_of_week="mon-sat"),
    },
    "editorial-pending-uploads-purge": {
        "task": "editorial.tasks.pending_uploads_purge",
        "schedule": crontab(minute=30, hour=2),
    },
}
