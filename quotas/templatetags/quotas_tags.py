from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def money(value):
    """Whole đồng with thousands grouped: 350.000 in Vietnamese, 350,000 in English."""
    if value in (None, ""):
        return "—"
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".") if (get_language() or "vi").startswith("vi") else grouped
