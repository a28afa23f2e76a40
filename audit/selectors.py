from django.db.models import Q

from core.text import fold, normalize_text

from .models import AuditEntry


def audit_search(*, query="", action="", actor="", date_from=None, date_to=None):
    """Entries matching the administrator's filters, newest first."""
    entries = AuditEntry.objects.all()
    query = normalize_text(query or "", multiline=False)[:200]
    if query:
        condition = Q(object_id=query) | Q(ip_address=query) if _looks_like_ip(query) else Q(object_id=query)
        words = fold(query).split()
        text_match = Q()
        for word in words:
            text_match &= Q(search_text__contains=word)
        entries = entries.filter(condition | text_match)
    if action:
        entries = entries.filter(action__startswith=action[:100])
    if actor:
        entries = entries.filter(actor_name__iexact=actor[:150])
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries


def _looks_like_ip(value):
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
