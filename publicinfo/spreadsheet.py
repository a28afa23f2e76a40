"""Reading import spreadsheets (.xlsx) row by row, for every long public list.

Imports are all-or-nothing: a service reads every row, collects each problem with
its row number, and writes only when no row has a problem, in one transaction.
A half-imported file is worse than none: staff could not tell which rows to send again.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.text import fold, normalize_text
from core.uploads import validate_document

MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False


@dataclass
class RowError:
    row: int
    reason: str

    def __str__(self):
        return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}


@dataclass
class ImportReport:
    created: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class SheetRefused(Exception):
    """The file as a whole cannot be read (not a spreadsheet, wrong columns)."""

    def __init__(self, errors):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _header_key(value):
    return re.sub(r"[^a-z0-9]+", " ", fold(normalize_text(str(value or ""), multiline=False))).strip()


def sheet_rows(uploaded, columns):
    """Return [(row_number, {key: value})] of the first sheet; raise SheetRefused on a bad file.

    The first row names the columns (Vietnamese headers, any case or accents);
    a missing required column or an unknown one refuses the file.
    """
    from openpyxl import load_workbook

    try:
        clean = validate_document(uploaded, kinds=("xlsx",))
    except ValidationError as exc:
        raise SheetRefused([RowError(0, " ".join(exc.messages))]) from None
    try:
        workbook = load_workbook(clean.content, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        raise SheetRefused([RowError(0, _("The file cannot be read as an Excel workbook."))]) from None
    if not header:
        raise SheetRefused([RowError(1, _("The first row must name the columns."))])
    by_name = {}
    for column in columns:
        by_name[_header_key(column.header)] = column
        by_name[_header_key(column.key)] = column
    positions = {}
    errors = []
    for index, cell in enumerate(header):
        name = _header_key(cell)
        if not name:
            continue
        column = by_name.get(name)
        if column is None:
            errors.append(RowError(1, _("Unknown column “%(name)s”.") % {"name": normalize_text(str(cell))}))
        else:
            positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            errors.append(RowError(1, _("Missing column “%(name)s”.") % {"name": column.header}))
    if errors:
        raise SheetRefused(errors)
    result = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(result) >= MAX_ROWS:
            raise SheetRefused([RowError(number, _("Too many rows; the limit is %(n)s.") % {"n": MAX_ROWS})])
        record = {}
        for key, index in positions.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, str):
                value = normalize_text(value)
            record[key] = value
        result.append((number, record))
    workbook.close()
    return result


def cell_text(record, key, *, max_length=None):
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = normalize_text(str(value))
    if max_length and len(text) > max_length:
        raise ValueError(_("“%(key)s” is longer than %(n)s characters.") % {"key": key, "n": max_length})
    return text


DATE_PATTERNS = [
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
]


def parse_date(value):
    """A date from a cell: an Excel date, `18/10/2021` or `2021-10-18`; None if empty; ValueError if bad."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise ValueError(_("“%(value)s” is not a date (use dd/mm/yyyy).") % {"value": text})


class _RowRefused(Exception):
    def __init__(self, row, reason):
        super().__init__(reason)
        self.row, self.reason = row, reason


def rows_write(pending, write):
    """Write checked rows [(row_number, values)] in one transaction; return the ImportReport.

    A row the database still refuses (a value too long, a number added meanwhile by
    someone else) rolls the whole file back and is reported with its row number.
    """
    try:
        with transaction.atomic():
            for row, values in pending:
                try:
                    write(values)
                except ValidationError as exc:
                    raise _RowRefused(row, " ".join(exc.messages)) from None
                except IntegrityError:
                    raise _RowRefused(
                        row, _("The row conflicts with data saved meanwhile; send the file again.")
                    ) from None
    except _RowRefused as refused:
        return ImportReport(errors=[RowError(refused.row, refused.reason)])
    return ImportReport(created=len(pending))
