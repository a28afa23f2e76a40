"""Aggregating the legal-dissemination columns of component sites (Trà Vinh; Bình Phước Điều 3.2.d).

Feeds come from other servers: they may be down, slow, malformed, huge or
hostile. They are fetched only by the Celery task, with a connect/read timeout,
an overall deadline and a size cap; a bad feed is skipped with a warning and
the others go on. Nothing from a feed is ever rendered as HTML: titles and
summaries are stored as plain text, links only when they are http(s).
"""

import calendar
import datetime
import hashlib
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

import feedparser
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.html import html_to_text

from .models import ComponentItem, ComponentSite

logger = logging.getLogger(__name__)

MAX_ENTRIES_PER_FETCH = 50
KEEP_PER_SITE = 200


class FeedError(Exception):
    pass


def _limits():
    return (
        getattr(settings, "SHARING_FEED_TIMEOUT", 10),
        getattr(settings, "SHARING_FEED_MAX_BYTES", 2 * 1024 * 1024),
    )


def _is_web_url(url):
    try:
        parsed = urlparse(url or "")
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


class _WebOnlyRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s): never to ftp: or file:."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not _is_web_url(newurl):
            raise FeedError("redirected to a non-web URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_WebOnlyRedirect)


def feed_download(url):
    """The feed's bytes, or FeedError: http(s) only, each read and the whole download time-limited, size-capped."""
    timeout, max_bytes = _limits()
    if not _is_web_url(url):
        raise FeedError("not an http(s) URL")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": "PortalAggregator/1.0",
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with _opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(f"too large ({declared} bytes)")
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise FeedError(f"slower than {timeout} s")
                # read1: at most one socket read, so a trickling server meets the deadline.
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(f"larger than {max_bytes} bytes")
                chunks.append(chunk)
    except FeedError:
        raise
    except urllib.error.HTTPError as exc:
        raise FeedError(f"HTTP {exc.code} {exc.reason}"[:200]) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:  # refused, timeout, DNS, bad status, TLS
        raise FeedError(str(getattr(exc, "reason", exc))[:200]) from None
    return b"".join(chunks)


def _entry_time(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        try:
            moment = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
            # A feed's date in the future would pin its item to the top of the block.
            return min(moment, timezone.now())
        except (OverflowError, ValueError, OSError):
            pass
    return timezone.now()


def feed_entries(data):
    """Plain-text entries of a feed document; FeedError if it is not a feed."""
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError("malformed feed")
    if not parsed.entries and not parsed.get("feed"):
        raise FeedError("not a feed")
    entries = []
    for entry in parsed.entries[:MAX_ENTRIES_PER_FETCH]:
        title = html_to_text(entry.get("title", ""))[:300]
        if not title:
            continue
        link = entry.get("link", "")
        link = link[:1000] if _is_web_url(link) else ""
        guid = str(entry.get("id") or link or title)
        if len(guid) > 500:
            guid = hashlib.sha256(guid.encode()).hexdigest()
        entries.append(
            {
                "guid": guid,
                "title": title,
                "link": link,
                "summary": html_to_text(entry.get("summary", ""))[:1000],
                "published_at": _entry_time(entry),
            }
        )
    return entries


def component_site_fetch(site):
    """Fetch one site's feed and store new items; return how many were new. Never raises on a bad feed."""
    now = timezone.now()
    try:
        entries = feed_entries(feed_download(site.feed_url))
    except FeedError as exc:
        logger.warning("Feed of component site %s (%s) skipped: %s", site.name, site.feed_url, exc)
        ComponentSite.objects.filter(pk=site.pk).update(last_checked_at=now, last_error=str(exc)[:300])
        return 0
    created = 0
    with transaction.atomic():
        known = set(
            ComponentItem.objects.filter(site=site, guid__in=[e["guid"] for e in entries]).values_list(
                "guid", flat=True
            )
        )
        new = [ComponentItem(site=site, **e) for e in entries if e["guid"] not in known]
        ComponentItem.objects.bulk_create(new, ignore_conflicts=True)
        created = len(new)
        stale = (
            ComponentItem.objects.filter(site=site)
            .order_by("-published_at", "-pk")
            .values_list("pk", flat=True)[KEEP_PER_SITE:]
        )
        ComponentItem.objects.filter(pk__in=list(stale)).delete()
        ComponentSite.objects.filter(pk=site.pk).update(
            last_checked_at=now, last_success_at=now, last_error=""
        )
    return created


def component_sites_fetch():
    """Fetch every active component site; one site's failure never stops the others."""
    total = 0
    for site in ComponentSite.objects.filter(active=True):
        try:
            total += component_site_fetch(site)
        except Exception:  # a bug or a database error on one site must not starve the rest
            logger.exception("Fetching component site %s failed", site.pk)
    return total
