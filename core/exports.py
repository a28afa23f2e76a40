"""Spreadsheet exports that cannot smuggle formulas.

A cell that starts with =, +, -, @, a tab or a carriage return is read as a
formula by Excel and LibreOffice (=HYPERLINK(...), =cmd|...). Every text that
came from a user goes through `spreadsheet_safe` before it reaches a CSV or
XLSX file; `spreadsheet_response` builds an XLSX with that applied to every cell.
"""

import io

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value):
    """Return `value` so a spreadsheet shows it as text; numbers and dates pass unchanged."""
    if value is None or isinstance(value, (int, float)) or not isinstance(value, str):
        return value
    stripped = value.lstrip(" \u00a0\u200b\ufeff")
    if stripped.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_response(filename, header, rows, *, sheet_title="Export"):
    """An XLSX attachment with a header row; every text cell made safe."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([spreadsheet_safe(str(cell)) for cell in header])
    for row in rows:
        sheet.append([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
