from celery import shared_task

from . import visits


@shared_task(name="articles.tasks.visits_flush")
def visits_flush():
    """Move page views counted in the cache into the database (beat: every 5 minutes)."""
    return visits.visits_flush()
