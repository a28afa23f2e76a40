from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .models import Category, Item, ItemStatus

MENU_CACHE_KEY = "articles:menu"


def items_published(language=None):
    """Items the public may see: published and dated in the past."""
    queryset = Item.objects.filter(status=ItemStatus.PUBLISHED, published_at__lte=timezone.now())
    if language:
        queryset = queryset.filter(language=language)
    return queryset


def menu_categories():
    """Top-level visible categories with their visible children, for the main menu (cached)."""
    menu = cache.get(MENU_CACHE_KEY)
    if menu is None:
        categories = list(
            Category.objects.filter(is_visible=True).filter(Q(parent__isnull=True) | Q(parent__is_visible=True))
        )
        top = [c for c in categories if c.parent_id is None and c.in_menu]
        for category in top:
            category.menu_children = [c for c in categories if c.parent_id == category.pk]
        menu = top
        cache.set(MENU_CACHE_KEY, menu, 600)
    return menu
