from celery.schedules import crontab

SCHEDULE = {
    # Each working morning: warn before deadlines, flag overdue items (Bình Phước Điều 11.2).
    "feedback-deadlines": {"task": "feedback.tasks.deadlines_check", "schedule": crontab(hour=7, minute=15)},
    # Nightly: erase contact details past the retention period.
    "feedback-retention": {"task": "feedback.tasks.personal_data_erase", "schedule": crontab(hour=2, minute=40)},
}
