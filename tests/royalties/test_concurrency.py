"""Two workers handling the same publication at once still leave one record (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection, connections

from articles.models import ItemStatus
from royalties import services
from royalties.models import RoyaltyRecord
from tests.factories import ItemFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_simultaneous_publication_tasks_create_one_record(alice):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (run with DATABASE_URL=postgres://...)")
    item = ItemFactory(author=alice, status=ItemStatus.PUBLISHED)
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            services.royalties_on_publication(item=item)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert RoyaltyRecord.objects.filter(item=item).count() == 1
