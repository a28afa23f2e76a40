import logging

logger = logging.getLogger(__name__)


def outbox_drain_at_worker_start(sender=None, **kwargs):
    """A worker that starts after an outage resends what the outbox kept, without waiting for beat."""
    from core.outbox import outbox_drain

    try:
        sent = outbox_drain()
    except Exception:  # the database may still be starting; beat drains every minute anyway
        logger.exception("Outbox drain at worker start failed")
        return
    logger.info("Outbox drained at worker start: %s task(s) sent", sent)
