"""Writing and purging the audit log.

Other apps call `audit_record(actor=..., action="app.thing.verb", obj=..., request=None,
changes=None)`; the request (or the one being served) gives the IP address and path.
Action names are dotted, like "editorial.verify.approve" or "feedback.personal_data.view".
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .middleware import current_request
from .models import AuditEntry

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address as django-axes sees it (honours the trusted proxy count)."""
    if request is None:
        return None
    try:
        from axes.helpers import get_client_ip_address

        return get_client_ip_address(request) or None
    except Exception:  # a malformed header must not break the audited action
        return request.META.get("REMOTE_ADDR") or None


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def audit_record(*, actor=None, action, obj=None, request=None, changes=None, object_repr=None,
                 object_type="", object_id=""):
    """Append one entry. Never raises: a failing audit write is logged, the action goes on."""
    request = request or current_request()
    if request is not None and action.endswith(".export"):
        request._audit_export_recorded = True  # the generic export entry (audit/middleware.py) is not needed
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry(
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else "")[:150],
        action=action[:100],
        changes=_jsonable(changes or {}),
        ip_address=client_ip(request),
        path=(request.get_full_path()[:500] if request is not None else ""),
    )
    entry.object_type, entry.object_id = str(object_type)[:100], str(object_id)[:64]
    if obj is not None:
        entry.object_type = obj._meta.label_lower
        entry.object_id = str(obj.pk or "")[:64]
        entry.object_repr = str(obj)[:300]
    if object_repr:
        entry.object_repr = str(object_repr)[:300]
    try:
        # A savepoint, so a failed insert does not poison the caller's transaction.
        with transaction.atomic():
            entry.save()
    except Exception as exc:  # DatabaseError, or no database at all (a unit test of a validator)
        logger.warning("Could not write audit entry %s: %s", action, exc)
        return None
    return entry


def audit_purge(*, now=None):
    """Delete entries older than the retention (AUDIT_RETENTION_DAYS, 365 by default)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    # QuerySet.delete bypasses the model's refusal: this is the only way entries go.
    deleted, _ = AuditEntry.objects.filter(created_at__lt=cutoff).delete()
    if deleted:
        audit_record(action="audit.purge", changes={"deleted": deleted, "before": cutoff.isoformat()})
    return deleted
