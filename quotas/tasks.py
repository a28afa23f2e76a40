"""Celery tasks: thin wrappers over quotas.services, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="quotas.tasks.reminders_send")
def reminders_send():
    """Daily; acts on the reminder day only (QUOTAS_REMINDER_DAY, default the 15th)."""
    return services.quota_reminders_send()


@shared_task(name="quotas.tasks.month_close_previous")
def month_close_previous():
    """Daily; closes the month just over once and sends its summary once."""
    return services.quota_month_close_previous()
