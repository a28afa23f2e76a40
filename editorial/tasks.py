"""Celery tasks of the editorial workflow: thin, idempotent callers of services."""

from celery import shared_task

from . import services


@shared_task(name="editorial.tasks.publish_scheduled")
def publish_scheduled():
    return services.publish_scheduled()


@shared_task(name="editorial.tasks.deadlines_check")
def deadlines_check():
    return services.deadlines_check()


@shared_task(name="editorial.tasks.daily_publication_check")
def daily_publication_check():
    return services.daily_publication_check()


@shared_task(name="editorial.tasks.pending_uploads_purge")
def pending_uploads_purge():
    return services.pending_uploads_purge()
