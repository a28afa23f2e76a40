from celery import shared_task


@shared_task(name="portal.tasks.ping")
def ping():
    """Prove the broker, worker and result backend are wired together."""
    return "pong"
