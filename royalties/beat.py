from celery.schedules import crontab

SCHEDULE = {
    # On the 1st, the month just ended gets its remuneration records for the head of board to approve.
    "royalties-remuneration-month": {
        "task": "royalties.tasks.remuneration_month_create",
        "schedule": crontab(minute=30, hour=6, day_of_month=1),
    },
}
