"""Factories for the public site's tests."""

from django.utils import timezone

from articles.models import Category, ItemStatus
from tests.factories import ItemFactory


def published(title, *, category=None, minutes_ago=1, **fields):
    """A published item, `minutes_ago` old, in `category` (a slug or a Category)."""
    if isinstance(category, str):
        category = Category.objects.get(slug=category)
    if category is not None:
        fields["category"] = category
    return ItemFactory(
        title=title,
        status=ItemStatus.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(minutes=minutes_ago),
        **fields,
    )
