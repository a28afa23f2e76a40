"""Celery tasks: thin, idempotent wrappers around royalties.services."""

from celery import shared_task
from django.utils import timezone

from articles.models import Item

from . import services


@shared_task(name="royalties.tasks.royalties_on_publication")
def royalties_on_publication(item_id):
    """Sent by the editorial workflow after an item is published (after commit)."""
    item = Item.objects.filter(pk=item_id).first()
    if item is None:
        return 0
    return len(services.royalties_on_publication(item=item))


@shared_task(name="royalties.tasks.remuneration_month_create")
def remuneration_month_create(year=None, month=None):
    """Monthly remuneration of the board and secretariat; by default for the month just ended."""
    if year is None or month is None:
        first = timezone.localdate().replace(day=1)
        previous = first - timezone.timedelta(days=1)
        year, month = previous.year, previous.month
    return len(services.remuneration_month_create(year=year, month=month))
