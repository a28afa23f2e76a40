import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from articles.models import DailyVisits, Item
from articles.selectors import visits_for_month, visits_summary
from articles.tasks import visits_flush
from tests.articles.factories import published

pytestmark = pytest.mark.django_db


def test_reading_an_article_writes_nothing_to_the_database(client, django_assert_num_queries):
    item = published("Tin được đọc")
    client.get(item.get_absolute_url())
    with django_assert_num_queries(0):
        client.get(item.get_absolute_url())  # cached page, counter in the cache
    assert DailyVisits.objects.count() == 0


def test_flush_moves_counted_views_to_daily_rows_and_item_totals(client):
    item = published("Tin được đọc")
    other = published("Tin khác")
    for _ in range(3):
        client.get(item.get_absolute_url())
    client.get(other.get_absolute_url())
    client.get("/")
    visits_flush.delay()
    today = timezone.localdate()
    assert DailyVisits.objects.get(date=today, item=item).count == 3
    assert DailyVisits.objects.get(date=today, item=other).count == 1
    assert DailyVisits.objects.get(date=today, item__isnull=True).count == 5
    item.refresh_from_db()
    assert item.view_count == 3
    visits_flush.delay()  # nothing new: nothing added twice
    assert DailyVisits.objects.get(date=today, item=item).count == 3
    client.get(item.get_absolute_url())
    visits_flush.delay()
    assert Item.objects.get(pk=item.pk).view_count == 4


def test_footer_shows_today_month_and_total_visits(client):
    today = timezone.localdate()
    DailyVisits.objects.create(date=today - dt.timedelta(days=40), count=1000)
    DailyVisits.objects.create(date=today, count=7)
    summary = visits_summary()
    assert summary["today"] >= 7 and summary["total"] >= 1007
    html = client.get("/").content.decode()
    assert "Lượt truy cập" in html and "Hôm nay" in html


def test_visits_for_month_counts_the_whole_site(db):
    DailyVisits.objects.create(date=dt.date(2026, 10, 1), count=10)
    DailyVisits.objects.create(date=dt.date(2026, 10, 31), count=5)
    DailyVisits.objects.create(date=dt.date(2026, 11, 1), count=100)
    item = published("Tin")
    DailyVisits.objects.create(date=dt.date(2026, 10, 15), item=item, count=3)
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)):
        assert visits_for_month(2026, 10) == 15


def test_most_read_block_lists_the_most_viewed_items(client):
    popular = published("Tin được đọc nhiều")
    published("Tin ít người đọc")
    DailyVisits.objects.create(date=timezone.localdate(), item=popular, count=50)
    html = client.get("/").content.decode()
    assert "Đọc nhiều nhất" in html
    block = html[html.index("most-read-heading") :]
    assert "Tin được đọc nhiều" in block and "Tin ít người đọc" not in block.split("</section>")[0]


def test_counting_is_skipped_silently_when_the_cache_is_down(client, monkeypatch):
    from django.core.cache import cache

    from articles.visits import visit_record

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "incr", broken)
    monkeypatch.setattr(cache, "add", broken)
    visit_record(1)  # no exception


@pytest.mark.skipif(not __import__("os").environ.get("REDIS_URL"), reason="needs a real Redis (REDIS_URL)")
def test_on_redis_a_view_costs_one_round_trip_and_its_counters_expire(db, monkeypatch):
    """A cached page answers in about a millisecond; counting its view must not cost more."""
    import redis
    from django.core.cache import cache

    from articles.visits import COUNTER_TIMEOUT, _item_key, _site_key, visit_record

    day = timezone.localdate().strftime("%Y%m%d")
    visit_record(7)  # the first view of the day also claims a slot for the flush
    trips = []
    real_command, real_execute = redis.Redis.execute_command, redis.client.Pipeline.execute

    def command(self, *args, **kwargs):
        trips.append(args[0])
        return real_command(self, *args, **kwargs)

    def execute(self, *args, **kwargs):
        trips.append("PIPELINE")
        return real_execute(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", execute)
    visit_record(7)
    assert trips == ["PIPELINE"]
    assert cache.get(_item_key(day, 7)) == 2 and cache.get(_site_key(day)) == 2
    client = cache._cache.get_client(write=True)
    assert 0 < client.ttl(cache.make_key(_item_key(day, 7))) <= COUNTER_TIMEOUT


def test_a_worker_adds_its_views_in_batches(db, settings, client):
    """Production counts views in the worker's memory and adds them once a second."""
    from django.core.cache import cache

    from articles.visits import VisitBatch, _item_key, _site_key, visits_add, visits_flush

    added = []
    batch = VisitBatch(seconds=3600, add=lambda views: (added.append(views), visits_add(views)))
    for _ in range(3):
        batch.count(7)
    batch.count(None)
    day = timezone.localdate().strftime("%Y%m%d")
    assert cache.get(_site_key(day)) is None  # nothing in the cache yet: one batch, later
    batch.flush()
    assert added == [{(day, None): 4, (day, 7): 3}]
    assert cache.get(_site_key(day)) == 4 and cache.get(_item_key(day, 7)) == 3
    batch.flush()
    assert len(added) == 1  # nothing new: nothing sent
    item = published("Tin được đếm")
    batch.count(item.pk)
    batch.count(item.pk)
    batch.flush()
    visits_flush()  # the first batch of an item claims its slot: the flush finds it
    item.refresh_from_db()
    assert item.view_count == 2


def test_batched_views_reach_the_cache_without_another_request(db, settings):
    import time

    from django.core.cache import cache

    from articles.visits import _site_key, visit_record

    settings.VISIT_BATCH_SECONDS = 0.05
    day = timezone.localdate().strftime("%Y%m%d")
    before = cache.get(_site_key(day)) or 0
    visit_record(None)
    visit_record(None)
    deadline = time.monotonic() + 5
    while (cache.get(_site_key(day)) or 0) < before + 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert cache.get(_site_key(day)) == before + 2
