"""Blocks other pages can show: `{% load publicinfo_blocks %}{% web_links_block %}`."""

from django import template

from publicinfo.selectors import web_links

register = template.Library()


@register.inclusion_tag("publicinfo/includes/web_links.html")
def web_links_block(limit=20):
    return {"links": list(web_links()[:limit])}
