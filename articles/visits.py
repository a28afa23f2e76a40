"""Page-view counting without a database write per request.

Each public page view increments counters in the cache (Redis in production)
with INCRBY, which is atomic there. `visits_flush` (Celery beat, every few
minutes) moves the counts into DailyVisits and Item.view_count. Items seen for
the first time on a day claim a numbered slot, so the flush finds every counter
without scanning keys. If the cache is down, counting silently skips: a lost
view is better than an error page.

A worker counts its views in memory and adds them to the cache once a second
(`VisitBatch`, VISIT_BATCH_SECONDS; the page lane does the same on the event loop,
articles/lane.py): a round trip to Redis for every page rendered cost more than a
tenth of a millisecond of the worker's CPU and as much of Redis's. A worker that dies
loses at most that second of views; one that stops adds them before it exits.
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

COUNTER_TIMEOUT = 3 * 24 * 3600  # long enough to survive a stopped worker over a weekend
FLUSH_DAYS = 2  # today and yesterday: views after midnight belong to the new day


def _day(date):
    return date.strftime("%Y%m%d")


_today_memo = (None, None)  # (the second it was worked out in, the day)


def _today():
    """_day(timezone.localdate()), worked out at most once a second: every page asks for it
    (the footer's counter key), and the local date cost more than the rest of the footer.
    The portal runs in one time zone (settings.TIME_ZONE)."""
    global _today_memo
    second = int(time.time())
    memo = _today_memo
    if memo[0] != second:
        memo = _today_memo = (second, _day(timezone.localdate()))
    return memo[1]


def _site_key(day):
    return f"visits:{day}:site"


def _item_key(day, item_id):
    return f"visits:{day}:item:{item_id}"


def _slots_key(day):
    return f"visits:{day}:slots"


def _slot_key(day, number):
    return f"visits:{day}:slot:{number}"


def _add_all(amounts):
    """Add {key: amount} to the counters, creating missing ones; the new values (None: cache down).

    On Redis (operations.cache.TolerantRedisCache) one pipelined round trip; elsewhere
    (the local-memory cache of development and tests) incr, or add then incr.
    """
    add_to_counters = getattr(cache, "add_to_counters", None)
    if add_to_counters is not None:
        return add_to_counters(amounts, COUNTER_TIMEOUT)
    values = []
    for key, amount in amounts.items():
        try:
            values.append(cache.incr(key, amount))
        except ValueError:
            cache.add(key, 0, COUNTER_TIMEOUT)
            values.append(cache.incr(key, amount))
    return values


def _visit_keys(item_id):
    """(day, counters to add one to) for one page view: the site's, and the item's if any."""
    day = _today()
    return day, [_site_key(day)] + ([_item_key(day, item_id)] if item_id else [])


def visits_add(views):
    """Add {(day, item id or None): views} to the cache's counters (None: the site's)."""
    amounts = {(_item_key(day, item_id) if item_id else _site_key(day)): n for (day, item_id), n in views.items()}
    try:
        values = _add_all(amounts)
        if not values:
            return
        for ((day, item_id), added), value in zip(views.items(), values, strict=True):
            if item_id and value == added:
                # First views of this item today (exactly one batch sees the counter start at
                # its own amount): remember the item for the flush.
                cache.add(_slots_key(day), 0, COUNTER_TIMEOUT)
                number = cache.incr(_slots_key(day))
                cache.set(_slot_key(day, number), item_id, COUNTER_TIMEOUT)
    except Exception:  # the cache is down or misbehaving: never fail the page
        logger.debug("visits not counted", exc_info=True)


class VisitBatch:
    """This worker's views not yet in the cache, added at most `seconds` after they happen."""

    def __init__(self, seconds, add=visits_add):
        self.seconds = seconds
        self._add = add
        self._lock = threading.Lock()
        self._views = Counter()
        self._thread = None

    def count(self, item_id):
        day = _today()
        with self._lock:
            self._views[(day, None)] += 1
            if item_id:
                self._views[(day, item_id)] += 1
            if self._thread is None:
                # One thread per worker adds the views: pages never wait for Redis, and a
                # quiet worker's last views are not left behind until its next request.
                self._thread = threading.Thread(target=self._run, name="visit-batch", daemon=True)
                self._thread.start()

    def _run(self):
        while True:
            time.sleep(self.seconds)
            try:
                self.flush()
            except Exception:  # never let one bad batch stop the counting of the next ones
                logger.warning("page views not added to the cache", exc_info=True)

    def flush(self):
        with self._lock:
            views, self._views = self._views, Counter()
        if views:
            self._add(dict(views))


_batches = {}  # {seconds: batch} of this process
# A forked worker makes its own (keyed by the pid before: a system call on every page view).
os.register_at_fork(after_in_child=_batches.clear)


def _batch():
    seconds = getattr(settings, "VISIT_BATCH_SECONDS", 0)
    if seconds <= 0:
        return None
    batch = _batches.get(seconds)
    if batch is None:
        batch = _batches[seconds] = VisitBatch(seconds)
        atexit.register(batch.flush)
    return batch


def visit_record(item_id=None):
    """Count one public page view (and one view of `item_id`, if given)."""
    batch = _batch()
    if batch is not None:
        batch.count(item_id)
        return
    day = _today()
    visits_add({(day, None): 1, **({(day, item_id): 1} if item_id else {})})


def visit_counter_names(make_key, item_id=None):
    """(day, full Redis key names) of the counters one page view adds one to.

    For the ASGI page lane (articles/lane.py), which adds views to these counters in
    batches and then calls `visit_counted` with the new values.
    """
    day, keys = _visit_keys(item_id)
    return day, [make_key(key) for key in keys]


async def visit_counted(execute, make_key, counters):
    """What `visit_record` does after its INCRs, for the lane's INCRBYs through `execute(*commands)`.

    `counters`: [(name, views added, new value, day, item id or None)]. The same counters
    in the same format (Django's Redis cache stores integers as plain Redis integers), so
    `visits_flush` finds them: counters the INCRBY created get their expiry, and an item
    first seen today claims its slot. Errors propagate: the lane logs them.
    """
    fresh = [(name, day, item_id) for name, added, value, day, item_id in counters if value == added]
    if fresh:
        await execute(*[("EXPIRE", name, COUNTER_TIMEOUT) for name, _day, _item in fresh])
    for _name, day, item_id in fresh:
        if item_id:
            slots = make_key(_slots_key(day))
            _created, number = await execute(("SET", slots, 0, "EX", COUNTER_TIMEOUT, "NX"), ("INCR", slots))
            await execute(("SET", make_key(_slot_key(day, number)), int(item_id), "EX", COUNTER_TIMEOUT))


def visits_pending_today():
    """Views counted in the cache today and not yet flushed (0 if the cache is down)."""
    try:
        return int(cache.get(visits_pending_key()) or 0)
    except Exception:
        return 0


def visits_pending_key():
    """The cache key of today's site-wide counter (for a caller that reads it with other keys)."""
    return _site_key(_today())


def _pending(date):
    """[(item_id or None, key, count)] waiting in the cache for `date`."""
    day = _day(date)
    slots = int(cache.get(_slots_key(day)) or 0)
    slot_values = cache.get_many([_slot_key(day, n) for n in range(1, slots + 1)]) if slots else {}
    item_ids = sorted({int(v) for v in slot_values.values() if v})
    keys = {_item_key(day, item_id): item_id for item_id in item_ids}
    keys[_site_key(day)] = None
    counts = cache.get_many(list(keys))
    return [(keys[key], key, int(count)) for key, count in counts.items() if count and int(count) > 0]


def visits_flush():
    """Move counted views from the cache to DailyVisits and Item.view_count; return how many."""
    from .models import DailyVisits, Item

    today = timezone.localdate()
    moved = 0
    for offset in range(FLUSH_DAYS):
        date = today - timedelta(days=offset)
        try:
            pending = _pending(date)
        except Exception:
            logger.warning("visits not flushed: the cache is unavailable", exc_info=True)
            return moved
        if not pending:
            continue
        existing = set(
            Item.objects.filter(pk__in=[i for i, _k, _c in pending if i]).values_list("pk", flat=True)
        )
        with transaction.atomic():
            for item_id, _key, count in pending:
                if item_id and item_id not in existing:
                    continue
                row, _created = DailyVisits.objects.get_or_create(date=date, item_id=item_id)
                DailyVisits.objects.filter(pk=row.pk).update(count=F("count") + count)
                if item_id:
                    Item.objects.filter(pk=item_id).update(view_count=F("view_count") + count)
        # Subtract what was moved; views counted meanwhile stay for the next flush.
        for _item_id, key, count in pending:
            try:
                cache.decr(key, count)
            except Exception:  # the key expired or the cache went away: nothing left to subtract
                logger.warning("visit counter %s not decremented", key, exc_info=True)
            moved += count if _item_id is None else 0
    return moved
