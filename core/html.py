"""Server-side sanitising of rich text.

The editor in the browser is not a security boundary: anything can be POSTed.
Every stored body goes through `sanitize_html` with an explicit allow-list, so no
script, event handler, javascript:/data: URL or foreign iframe survives.
"""

import re
from urllib.parse import urlparse

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
    "sub", "sup", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "span", "div", "pre", "code", "iframe", "oembed",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen"},
    "oembed": {"url"},
    "figure": {"class"},
    "span": {"class"},
    "div": {"class"},
    "p": {"class"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Only these hosts may be framed (YouTube videos of the department's channel).
ALLOWED_IFRAME_HOSTS = {"www.youtube.com", "youtube.com", "www.youtube-nocookie.com"}
_ALLOWED_CLASSES = re.compile(r"^(image|image-style-[a-z-]+|table|media|text-[a-z]+)$")


def _filter_attribute(element, attribute, value):
    if element == "iframe" and attribute == "src":
        parsed = urlparse(value)
        if parsed.scheme != "https" or parsed.hostname not in ALLOWED_IFRAME_HOSTS:
            return None
        if not parsed.path.startswith("/embed/"):
            return None
    if attribute == "class":
        kept = [c for c in value.split() if _ALLOWED_CLASSES.match(c)]
        return " ".join(kept) or None
    return value


def sanitize_html(value):
    """Return HTML safe to render; empty string for empty input."""
    if not value:
        return ""
    return nh3.clean(
        str(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(value):
    """Plain text of an HTML fragment, for summaries, search and diffs."""
    text = nh3.clean(str(value or ""), tags=set())
    text = re.sub(r"&nbsp;", " ", text)
    import html as _html

    return " ".join(_html.unescape(text).split())
