from django.db.models import Q

from core.text import normalize_text

from .models import AuditEntry


def audit_search(*, query="", action="", actor="", date_from=None, date_to=None):
    """Entries matching the administrator's filters, newest first."""
    entries = AuditEntry.objects.all()
    query = normalize_text(query or "", multiline=False)[:200]
    if query:
        entries = entries.filter(
            Q(object_repr__icontains=query) | Q(action__icontains=query) | Q(path__icontains=query)
            | Q(actor_name__icontains=query) | Q(ip_address__startswith=query)
            | Q(object_id=query)
        )
    if action:
        entries = entries.filter(action__startswith=action[:100])
    if actor:
        entries = entries.filter(actor_name__iexact=actor[:150])
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries
