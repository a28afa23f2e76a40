"""Writes to the public information modules: normalising, files, Excel imports."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.html import sanitize_html
from core.text import fold, normalize_text, slugify_vi
from core.uploads import validate_document

from .models import (
    JudicialEntry,
    JudicialKind,
    NoticeFile,
    OnlineLevel,
    Procedure,
    ProcedureField,
    ProcedureForm,
    ProcedureLevel,
    web_url_validator,
)
from .spreadsheet import Column, ImportReport, RowError, SheetRefused, cell_text, rows_write, sheet_rows

FORM_KINDS = ("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods")


def _slug_unique(model, base, pk=None):
    base = base or "muc"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def procedure_prepare(procedure):
    for name in ("code", "name", "implementing_body", "time_limit", "fees"):
        setattr(procedure, name, normalize_text(getattr(procedure, name) or "", multiline=False))
    for name in ("steps", "dossier", "legal_basis"):
        setattr(procedure, name, normalize_text(getattr(procedure, name) or ""))
    if not procedure.slug:
        procedure.slug = _slug_unique(Procedure, slugify_vi(procedure.name, max_length=200), procedure.pk)
    field_name = procedure.field.name if procedure.field_id else ""
    procedure.search_text = fold(
        " ".join([procedure.code, procedure.name, field_name, procedure.implementing_body])
    )


def procedure_save(procedure):
    procedure_prepare(procedure)
    procedure.full_clean()
    procedure.save()
    return procedure


def procedure_form_add(*, procedure, uploaded, title=""):
    clean = validate_document(uploaded, kinds=FORM_KINDS)
    return ProcedureForm.objects.create(
        procedure=procedure,
        title=normalize_text(title, multiline=False),
        file=clean.content,
        original_name=clean.original_name,
        size=clean.size,
    )


def notice_prepare(notice):
    notice.title = normalize_text(notice.title, multiline=False)
    notice.number = normalize_text(notice.number or "", multiline=False)
    notice.summary = normalize_text(notice.summary or "")
    notice.body = sanitize_html(normalize_text(notice.body or ""))


def notice_save(notice):
    notice_prepare(notice)
    notice.full_clean()
    notice.save()
    return notice


def notice_file_add(*, notice, uploaded):
    clean = validate_document(uploaded)
    return NoticeFile.objects.create(
        notice=notice, file=clean.content, original_name=clean.original_name, size=clean.size
    )


# Excel imports: every row checked first, nothing written if one row is wrong.


def _word_key(text):
    return re.sub(r"[^a-z0-9]+", " ", fold(text or "")).strip()


def _choice(text, labels, *, default=None):
    """Match a cell to a choice by its code or its Vietnamese label, ignoring case and accents."""
    key = _word_key(text)
    if not key:
        if default is None:
            raise ValueError(_("The value is empty."))
        return default
    for value, words in labels.items():
        if key == _word_key(value) or key in words:
            return value
    raise ValueError(
        _("“%(value)s” is not one of: %(choices)s.")
        % {
            "value": text,
            "choices": ", ".join(sorted({w[0] for w in labels.values()})),
        }
    )


LEVEL_WORDS = {
    ProcedureLevel.PROVINCIAL: ("tinh", "cap tinh"),
    ProcedureLevel.DISTRICT: ("huyen", "cap huyen"),
    ProcedureLevel.COMMUNE: ("xa", "cap xa"),
}
ONLINE_WORDS = {
    OnlineLevel.NONE: ("khong", "khong truc tuyen", "muc 2", "2"),
    OnlineLevel.PARTIAL: ("mot phan", "truc tuyen mot phan", "muc 3", "3"),
    OnlineLevel.FULL: ("toan trinh", "truc tuyen toan trinh", "muc 4", "4"),
}
PROCEDURE_COLUMNS = [
    Column("code", "Mã thủ tục", required=True),
    Column("name", "Tên thủ tục", required=True),
    Column("field", "Lĩnh vực", required=True),
    Column("level", "Cấp thực hiện", required=True),
    Column("implementing_body", "Cơ quan thực hiện"),
    Column("steps", "Trình tự thực hiện"),
    Column("dossier", "Thành phần hồ sơ"),
    Column("time_limit", "Thời hạn giải quyết"),
    Column("fees", "Phí, lệ phí"),
    Column("legal_basis", "Căn cứ pháp lý"),
    Column("online_level", "Dịch vụ công trực tuyến"),
    Column("online_url", "Đường dẫn dịch vụ công"),
]


def procedures_import(uploaded):
    """Import procedures from an .xlsx; a row whose code exists updates nothing: it is an error."""
    try:
        rows = sheet_rows(uploaded, PROCEDURE_COLUMNS)
    except SheetRefused as exc:
        return ImportReport(errors=exc.errors)
    existing = set(Procedure.objects.values_list("code", flat=True))
    seen, errors, pending = {}, [], []
    for row, record in rows:
        try:
            code = cell_text(record, "code", max_length=40)
            name = cell_text(record, "name", max_length=400)
            field = cell_text(record, "field", max_length=200)
            if not code or not name or not field:
                raise ValueError(_("Code, name and field are required."))
            if code in existing:
                raise ValueError(_("Procedure %(code)s already exists.") % {"code": code})
            if code in seen:
                raise ValueError(
                    _("Code %(code)s is repeated from row %(row)s.") % {"code": code, "row": seen[code]}
                )
            seen[code] = row
            online_url = cell_text(record, "online_url", max_length=200)
            if online_url:
                try:
                    web_url_validator(online_url)
                except ValidationError:
                    raise ValueError(_("“%(value)s” is not a web address.") % {"value": online_url}) from None
            pending.append(
                (
                    row,
                    {
                        "code": code,
                        "name": name,
                        "field": field,
                        "level": _choice(cell_text(record, "level"), LEVEL_WORDS),
                        "online_level": _choice(
                            cell_text(record, "online_level"), ONLINE_WORDS, default=OnlineLevel.NONE
                        ),
                        "online_url": online_url,
                        "implementing_body": cell_text(record, "implementing_body", max_length=300),
                        "steps": cell_text(record, "steps"),
                        "dossier": cell_text(record, "dossier"),
                        "time_limit": cell_text(record, "time_limit", max_length=300),
                        "fees": cell_text(record, "fees", max_length=300),
                        "legal_basis": cell_text(record, "legal_basis"),
                    },
                )
            )
        except ValueError as exc:
            errors.append(RowError(row, str(exc)))
    if errors:
        return ImportReport(errors=errors)

    def write(values):
        values["field"] = ProcedureField.objects.get_or_create(name=values["field"])[0]
        procedure_save(Procedure(**values))

    return rows_write(pending, write)


KIND_WORDS = {
    JudicialKind.NOTARY: (
        "cong chung",
        "to chuc hanh nghe cong chung",
        "van phong cong chung",
        "phong cong chung",
    ),
    JudicialKind.AUCTION: ("dau gia", "to chuc dau gia", "to chuc dau gia tai san"),
    JudicialKind.LAW_FIRM: ("to chuc hanh nghe luat su", "cong ty luat", "van phong luat su"),
    JudicialKind.LAWYER: ("luat su",),
    JudicialKind.BAILIFF: ("thua phat lai", "van phong thua phat lai"),
    JudicialKind.FORENSIC: ("giam dinh", "giam dinh vien", "giam dinh tu phap"),
    JudicialKind.LEGAL_AID_ORG: ("to chuc tro giup phap ly", "to chuc tgpl"),
    JudicialKind.LEGAL_AID_PERSON: (
        "tro giup vien phap ly",
        "nguoi thuc hien tro giup phap ly",
        "tro giup vien",
    ),
}
JUDICIAL_COLUMNS = [
    Column("kind", "Loại", required=True),
    Column("name", "Tên", required=True),
    Column("representative", "Người đại diện"),
    Column("licence_number", "Số giấy phép"),
    Column("district", "Huyện, thị xã, thành phố"),
    Column("address", "Địa chỉ"),
    Column("phone", "Điện thoại"),
    Column("email", "Email"),
    Column("note", "Ghi chú"),
]


def judicial_import(uploaded):
    """Import notaries, auctioneers, lawyers… from an .xlsx (all rows or none)."""
    from django.core.validators import validate_email

    try:
        rows = sheet_rows(uploaded, JUDICIAL_COLUMNS)
    except SheetRefused as exc:
        return ImportReport(errors=exc.errors)
    existing = {
        (k, fold(n), fold(d)) for k, n, d in JudicialEntry.objects.values_list("kind", "name", "district")
    }
    seen, errors, pending = {}, [], []
    for row, record in rows:
        try:
            kind = _choice(cell_text(record, "kind"), KIND_WORDS)
            name = cell_text(record, "name", max_length=300)
            if not name:
                raise ValueError(_("The name is empty."))
            district = cell_text(record, "district", max_length=120)
            key = (kind, fold(name), fold(district))
            if key in existing:
                raise ValueError(_("“%(name)s” is already in the list.") % {"name": name})
            if key in seen:
                raise ValueError(
                    _("“%(name)s” is repeated from row %(row)s.") % {"name": name, "row": seen[key]}
                )
            seen[key] = row
            email = cell_text(record, "email", max_length=254)
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    raise ValueError(_("“%(value)s” is not an email address.") % {"value": email}) from None
            pending.append(
                (
                    row,
                    JudicialEntry(
                        kind=kind,
                        name=name,
                        district=district,
                        email=email,
                        representative=cell_text(record, "representative", max_length=200),
                        licence_number=cell_text(record, "licence_number", max_length=100),
                        address=cell_text(record, "address", max_length=300),
                        phone=cell_text(record, "phone", max_length=50),
                        note=cell_text(record, "note", max_length=300),
                    ),
                )
            )
        except ValueError as exc:
            errors.append(RowError(row, str(exc)))
    if errors:
        return ImportReport(errors=errors)

    def write(entry):
        entry.full_clean()
        entry.save()

    return rows_write(pending, write)
