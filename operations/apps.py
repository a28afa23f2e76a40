from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from celery.signals import worker_ready

        from .receivers import outbox_drain_at_worker_start

        worker_ready.connect(outbox_drain_at_worker_start, dispatch_uid="operations_worker_ready")
