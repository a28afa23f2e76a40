import pytest


@pytest.mark.services
def test_ping_task_round_trips_through_real_redis_and_a_worker(redis_url, settings):
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app
    from portal.tasks import ping

    settings.CELERY_TASK_ALWAYS_EAGER = False
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        assert ping.delay().get(timeout=20) == "pong"


def test_beat_schedule_is_defined_in_code():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "core.tasks.outbox_drain" in tasks
