import pytest
from django.core import mail

from core.models import Notification, OutboxTask, OutgoingEmail
from core.notify import email_queue, notify
from core.outbox import outbox_drain, task_send_now


@pytest.mark.django_db(transaction=True)
def test_an_email_is_sent_once_even_if_queued_twice():
    email_queue(to=["dan@example.vn"], subject="Xác nhận", body="Đã nhận", key="k1")
    email_queue(to=["dan@example.vn"], subject="Xác nhận", body="Đã nhận", key="k1")
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get(key="k1").status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_keeps_the_email_for_later(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    email_queue(to=["dan@example.vn"], subject="S", body="B", key="k2")
    email = OutgoingEmail.objects.get(key="k2")
    assert email.status == "pending" and email.attempts == 1 and email.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outbox_drain()
    from core.tasks import outbox_drain as drain_task

    drain_task()
    assert OutgoingEmail.objects.get(key="k2").status == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_unknown_broker_error_keeps_the_task_in_the_outbox(monkeypatch, settings):
    from portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(app, "send_task", lambda *a, **k: (_ for _ in ()).throw(ConnectionError("down")))
    assert task_send_now("portal.tasks.ping", {}) is False
    assert OutboxTask.objects.filter(task_name="portal.tasks.ping").count() == 1
    monkeypatch.setattr(app, "send_task", lambda *a, **k: None)
    assert outbox_drain() == 1
    assert not OutboxTask.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_notify_creates_one_notice_per_user_and_event(alice, carol):
    notify(users=[alice, carol], verb="x", message="Có tin mới", key="evt1", email_subject="Tin mới")
    notify(users=[alice], verb="x", message="Có tin mới", key="evt1", email_subject="Tin mới")
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2
