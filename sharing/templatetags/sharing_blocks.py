"""`{% load sharing_blocks %}{% from_units_block 5 %}`: the latest items from component sites."""

from django import template

from sharing.selectors import component_items

register = template.Library()


@register.inclusion_tag("sharing/includes/from_units.html")
def from_units_block(limit=5):
    return {"items": list(component_items()[:limit]), "show_summary": False}
