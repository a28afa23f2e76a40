"""A worker's own copies of shared cache entries (operations.cache.NearCache).

Production keeps them a second: a page rendered on a page-cache miss reads its layout and
rows from the worker's memory instead of Redis. What a reader must never notice: a change
made in this worker shows at once, one made in another worker within the second, and a
page the page cache stores under a generation never shows anything older than it.
"""

import pytest
from django.core.cache import cache

from articles.selectors import GENERATION_CACHE_KEY
from operations.cache import NearCache, near_cache
from tests.articles.factories import published

SECTION = "/chuyen-muc/hoat-dong-cua-so/"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class CountingCache:
    """A cache backend that records which keys were asked for."""

    def __init__(self):
        self.data, self.asked = {}, []

    def get_many(self, keys):
        self.asked.append(list(keys))
        return {key: self.data[key] for key in keys if key in self.data}

    def set_many(self, mapping, timeout):
        self.data.update(mapping)
        return []


@pytest.fixture
def clock(settings, monkeypatch):
    settings.NEAR_CACHE_SECONDS = 1.0
    fake = Clock()
    monkeypatch.setattr(near_cache, "_clock", fake)
    near_cache.clear()
    yield fake
    near_cache.clear()


def test_copies_are_reused_within_the_time_then_read_again(settings):
    settings.NEAR_CACHE_SECONDS = 1.0
    backend, clock = CountingCache(), Clock()
    near = NearCache(backend, clock)
    backend.data.update(a=1, b=2)
    assert near.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert near.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert backend.asked == [["a", "b", "c"], ["c"]]  # what was absent is asked for again

    backend.data["a"] = 10  # another worker changes it
    clock.now += 0.5
    assert near.get_many(["a"]) == {"a": 1}
    clock.now += 0.6
    assert near.get_many(["a"]) == {"a": 10}

    near.set_many({"c": 3}, 60)
    assert near.get_many(["c"]) == {"c": 3} and backend.asked[-1] == ["a"]
    near.clear()
    assert near.get_many(["c"]) == {"c": 3} and backend.asked[-1] == ["c"]


def test_off_means_every_read_goes_to_the_cache(settings):
    settings.NEAR_CACHE_SECONDS = 0
    backend = CountingCache()
    near = NearCache(backend, Clock())
    near.set_many({"a": 1}, 60)
    near.get_many(["a"])
    near.get_many(["a"])
    assert backend.asked == [["a"], ["a"]]


def test_it_stays_bounded(settings):
    settings.NEAR_CACHE_SECONDS = 1.0
    near = NearCache(CountingCache(), Clock())
    near.MAX_ENTRIES = 10
    for n in range(25):
        near.set_many({f"k{n}": n}, 60)
    assert len(near._entries) <= 10


def test_derived_values_are_kept_as_long_as_the_copies_and_cleared_with_them(settings):
    """A sidebar's rows joined into a list (articles.fragments): kept as a copy would be."""
    settings.NEAR_CACHE_SECONDS = 1.0
    clock = Clock()
    near = NearCache(CountingCache(), clock)
    near.remember(("rows", 7), ("<li>a</li>",))
    assert near.recall(("rows", 7)) == ("<li>a</li>",)
    clock.now += 1.1
    assert near.recall(("rows", 7)) is None
    near.remember(("rows", 7), ("<li>b</li>",))
    near.clear()  # a publication in this worker
    assert near.recall(("rows", 7)) is None
    settings.NEAR_CACHE_SECONDS = 0
    near.remember(("rows", 8), ("<li>c</li>",))
    assert near.recall(("rows", 8)) is None


@pytest.mark.django_db
def test_an_edited_title_shows_in_the_sidebar_of_every_article_at_once(client, clock, settings):
    settings.PUBLIC_PAGE_CACHE = False
    from articles.services import item_visibility_changed

    first = published("Tin thứ nhất", category="hoat-dong-cua-so", minutes_ago=5)
    second = published("Tin thứ hai", category="hoat-dong-cua-so", minutes_ago=4)
    third = published("Tin thứ ba", category="hoat-dong-cua-so", minutes_ago=3)
    for item in (first, second):  # both pages list the third in their sidebar
        assert "Tin thứ ba" in client.get(item.get_absolute_url()).content.decode()
    third.title = "Tin thứ ba (đã sửa)"
    third.save()
    item_visibility_changed(third)
    for item in (first, second):
        assert "Tin thứ ba (đã sửa)" in client.get(item.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_publication_in_this_worker_shows_at_once(client, clock, settings):
    settings.PUBLIC_PAGE_CACHE = False
    from articles.services import item_visibility_changed

    published("Tin thứ nhất", category="hoat-dong-cua-so", minutes_ago=5)
    assert "Tin thứ nhất" in client.get(SECTION).content.decode()
    fresh = published("Tin vừa đăng", category="hoat-dong-cua-so", minutes_ago=0)
    item_visibility_changed(fresh)
    assert "Tin vừa đăng" in client.get(SECTION).content.decode()


@pytest.mark.django_db
def test_another_workers_publication_shows_within_the_second(client, clock, settings):
    settings.PUBLIC_PAGE_CACHE = False
    other = published("Tin thứ nhất", category="hoat-dong-cua-so", minutes_ago=5)
    for _ in range(2):  # the first request stores what it missed; the second reads it
        assert "Tin cùng mục" not in client.get(other.get_absolute_url()).content.decode()
    # Another worker publishes: the shared generation moves, this worker's copies do not know.
    published("Tin cùng mục", category="hoat-dong-cua-so", minutes_ago=0)
    cache.incr(GENERATION_CACHE_KEY)
    assert "Tin cùng mục" not in client.get(other.get_absolute_url()).content.decode()
    clock.now += 1.1
    assert "Tin cùng mục" in client.get(other.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_stored_page_never_shows_what_is_older_than_its_generation(client, clock, settings):
    """The page cache stores a miss under the generation it read from the cache; the page must
    not be rendered from a worker's copies of an older one, or it would stay stale until the
    next publication."""
    settings.PUBLIC_PAGE_CACHE = True
    other = published("Tin thứ nhất", category="hoat-dong-cua-so", minutes_ago=5)
    for _ in range(2):
        assert "Tin cùng mục" not in client.get(other.get_absolute_url()).content.decode()
    published("Tin cùng mục", category="hoat-dong-cua-so", minutes_ago=0)
    cache.incr(GENERATION_CACHE_KEY)  # another worker's publication
    html = client.get(other.get_absolute_url()).content.decode()
    assert "Tin cùng mục" in html  # related news, from the new generation
    assert "Tin cùng mục" in client.get(other.get_absolute_url()).content.decode()  # as stored
