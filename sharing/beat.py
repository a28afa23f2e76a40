from celery.schedules import crontab

SCHEDULE = {
    "sharing-component-sites": {
        "task": "sharing.tasks.component_sites_fetch",
        "schedule": crontab(minute=17),
    },
}
