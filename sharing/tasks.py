from celery import shared_task

from .services import component_sites_fetch


@shared_task(name="sharing.tasks.component_sites_fetch", ignore_result=True)
def component_sites_fetch_task():
    """Hourly: pull the component sites' legal-dissemination feeds (sharing/beat.py)."""
    return component_sites_fetch()
