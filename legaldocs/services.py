"""Writes to the legal documents database: normalising, files, Excel import."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.html import html_to_text, sanitize_html
from core.text import fold, normalize_text, slugify_vi
from core.uploads import validate_document
from publicinfo.spreadsheet import (
    Column,
    ImportReport,
    RowError,
    SheetRefused,
    cell_text,
    parse_date,
    rows_write,
    sheet_rows,
)

from .models import (
    DocumentFile,
    DocumentGroup,
    DocumentStatus,
    DocumentType,
    IssuingBody,
    LegalDocument,
    LegalField,
)

DOCUMENT_FILE_KINDS = ("pdf", "doc", "docx", "odt")


def number_key(number):
    """`15/2024/QĐ-UBND` -> `15 2024 qd ubnd`: how readers type a number, whatever the punctuation."""
    return re.sub(r"[^a-z0-9]+", " ", fold(normalize_text(number or "", multiline=False))).strip()


def _slug_unique(base, pk=None):
    base = base or "van-ban"
    slug, n = base, 2
    while LegalDocument.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def document_prepare(document):
    """Normalise text, sanitise the full text, derive number key, slug and search text (before saving)."""
    document.number = normalize_text(document.number, multiline=False)
    document.summary = normalize_text(document.summary)
    document.signer = normalize_text(document.signer or "", multiline=False)
    document.full_text = sanitize_html(normalize_text(document.full_text or ""))
    document.number_key = number_key(document.number)
    if not document.slug:
        prefix = document.doc_type.name if document.doc_type_id else ""
        document.slug = _slug_unique(slugify_vi(f"{prefix} {document.number}", max_length=200), document.pk)
    parts = [
        document.number_key,
        document.number,
        document.summary,
        document.signer,
        document.doc_type.name if document.doc_type_id else "",
        document.issuing_body.name if document.issuing_body_id else "",
        document.legal_field.name if document.legal_field_id else "",
        html_to_text(document.full_text)[:20000],
    ]
    document.search_text = fold(" ".join(p for p in parts if p))


def document_save(document):
    """Validate and save a document; a number already used (in any spelling) is refused."""
    document_prepare(document)
    duplicate = LegalDocument.objects.filter(number_key=document.number_key).exclude(pk=document.pk).first()
    if duplicate:
        raise ValidationError(
            {"number": _("Document %(number)s already exists.") % {"number": duplicate.number}}
        )
    document.full_clean(exclude=["slug"])
    document.save()
    return document


def document_file_add(*, document, uploaded, order=0):
    clean = validate_document(uploaded, kinds=DOCUMENT_FILE_KINDS)
    return DocumentFile.objects.create(
        document=document, file=clean.content, original_name=clean.original_name, size=clean.size, order=order
    )


IMPORT_COLUMNS = [
    Column("number", "Số ký hiệu", required=True),
    Column("doc_type", "Loại văn bản", required=True),
    Column("issuing_body", "Cơ quan ban hành", required=True),
    Column("signer", "Người ký"),
    Column("legal_field", "Lĩnh vực"),
    Column("issued_on", "Ngày ban hành", required=True),
    Column("effective_on", "Ngày hiệu lực"),
    Column("status", "Tình trạng"),
    Column("summary", "Trích yếu", required=True),
    Column("group", "Nhóm"),
    Column("full_text", "Nội dung"),
]
STATUS_WORDS = {
    "con hieu luc": DocumentStatus.IN_FORCE,
    "chua co hieu luc": DocumentStatus.NOT_YET,
    "het hieu luc mot phan": DocumentStatus.PARTLY_EXPIRED,
    "het hieu luc": DocumentStatus.EXPIRED,
}
GROUP_WORDS = {"quy pham": DocumentGroup.NORMATIVE, "chi dao": DocumentGroup.DIRECTION}


def _word_key(text):
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def _choice(text, table, default):
    if not text:
        return default
    key = _word_key(text)
    for word, value in table.items():
        if key == word or key.startswith(word) or key == value:
            return value
    raise ValueError(
        _("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": ", ".join(table)}
    )


def _paragraphs(text):
    return "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())


def documents_import(uploaded):
    """Import documents from an .xlsx: every row is checked first; any error imports nothing."""
    try:
        rows = sheet_rows(uploaded, IMPORT_COLUMNS)
    except SheetRefused as exc:
        return ImportReport(errors=exc.errors)
    types = {}
    for doc_type in DocumentType.objects.all():
        types[_word_key(doc_type.name)] = doc_type
        if doc_type.abbreviation:
            types[_word_key(doc_type.abbreviation)] = doc_type
    existing = dict(LegalDocument.objects.values_list("number_key", "number"))
    seen = {}
    errors, pending = [], []
    for row, record in rows:
        try:
            number = cell_text(record, "number", max_length=60)
            if not number:
                raise ValueError(_("The number is empty."))
            key = number_key(number)
            if key in existing:
                raise ValueError(_("Document %(number)s already exists.") % {"number": existing[key]})
            if key in seen:
                raise ValueError(
                    _("Number %(number)s is repeated from row %(row)s.")
                    % {"number": number, "row": seen[key]}
                )
            seen[key] = row
            doc_type = types.get(_word_key(cell_text(record, "doc_type")))
            if doc_type is None:
                raise ValueError(
                    _("Unknown document type “%(value)s”.") % {"value": cell_text(record, "doc_type")}
                )
            body = cell_text(record, "issuing_body", max_length=200)
            if not body:
                raise ValueError(_("The issuing body is empty."))
            issued_on = parse_date(record.get("issued_on"))
            if issued_on is None:
                raise ValueError(_("The issue date is empty."))
            effective_on = parse_date(record.get("effective_on"))
            if effective_on and effective_on < issued_on:
                raise ValueError(_("The effective date is before the issue date."))
            summary = cell_text(record, "summary")
            if not summary:
                raise ValueError(_("The summary is empty."))
            pending.append(
                (
                    row,
                    {
                        "number": number,
                        "doc_type": doc_type,
                        "issuing_body": body,
                        "legal_field": cell_text(record, "legal_field", max_length=200),
                        "signer": cell_text(record, "signer", max_length=150),
                        "issued_on": issued_on,
                        "effective_on": effective_on,
                        "status": _choice(cell_text(record, "status"), STATUS_WORDS, DocumentStatus.IN_FORCE),
                        "group": _choice(cell_text(record, "group"), GROUP_WORDS, DocumentGroup.NORMATIVE),
                        "summary": summary,
                        "full_text": _paragraphs(cell_text(record, "full_text")),
                    },
                )
            )
        except ValueError as exc:
            errors.append(RowError(row, str(exc)))
    if errors:
        return ImportReport(errors=errors)

    def write(values):
        values["issuing_body"] = IssuingBody.objects.get_or_create(name=values["issuing_body"])[0]
        field_name = values.pop("legal_field")
        values["legal_field"] = LegalField.objects.get_or_create(name=field_name)[0] if field_name else None
        document_save(LegalDocument(**values))

    return rows_write(pending, write)
