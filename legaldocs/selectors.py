from django.db.models import Q

from core.text import search_terms

from .models import DocumentType, IssuingBody, LegalDocument, LegalField
from .services import number_key


def documents_public():
    return LegalDocument.objects.filter(is_published=True).select_related(
        "doc_type", "issuing_body", "legal_field"
    )


def _matching(queryset, query):
    """Diacritic-insensitive words, or the document number in any spelling (`15/2024/QD-UBND`, `15 2024`)."""
    terms = search_terms(query)
    if not terms:
        return queryset
    words = Q()
    for term in terms:
        words &= Q(search_text__contains=term)
    key = number_key(query)
    return queryset.filter(Q(number_key__startswith=key) | Q(number_key__contains=f" {key}") | words)


def documents_filter(
    *, query="", group="", doc_type=None, issuing_body=None, legal_field=None, year=None, status=""
):
    queryset = documents_public()
    if group:
        queryset = queryset.filter(group=group)
    if doc_type:
        queryset = queryset.filter(doc_type_id=doc_type)
    if issuing_body:
        queryset = queryset.filter(issuing_body_id=issuing_body)
    if legal_field:
        queryset = queryset.filter(legal_field_id=legal_field)
    if year:
        queryset = queryset.filter(issued_on__year=year)
    if status:
        queryset = queryset.filter(status=status)
    return _matching(queryset, query)


def documents_search(query, limit=20):
    """Published documents matching a reader's query, newest first (the site search calls this)."""
    if not search_terms(query):
        return []
    return list(_matching(documents_public(), query)[:limit])


def document_filter_choices():
    return {
        "types": list(DocumentType.objects.all()),
        "bodies": list(IssuingBody.objects.all()),
        "fields": list(LegalField.objects.all()),
    }
