from .models import ComponentItem


def component_items():
    """Items from active component sites, newest first."""
    return ComponentItem.objects.filter(site__active=True).select_related("site")
