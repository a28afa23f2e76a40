"""The monthly statement as an Excel workbook (openpyxl), laid out like the printed one."""

import io

from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from organisation.selectors import department_get

from .words import amount_in_words

THIN = Side(style="thin", color="888888")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY = "#,##0"


def statement_workbook(statement, lines, total):
    """Bytes of an .xlsx: one row per record, a subtotal per person, the total and "Bằng chữ"."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{statement.month:02d}-{statement.year}"
    headers = [
        pgettext("royalties", "No."),
        pgettext("royalties", "Full name"),
        pgettext("royalties", "Unit"),
        pgettext("royalties", "Item"),
        pgettext("royalties", "Published"),
        pgettext("royalties", "Kind"),
        pgettext("royalties", "Coefficient"),
        pgettext("royalties", "Amount (đồng)"),
        pgettext("royalties", "Signature"),
    ]
    widths = [6, 26, 30, 50, 12, 22, 10, 16, 14]
    sheet.append([department_get().name])
    sheet.append(
        [
            pgettext("royalties", "STATEMENT OF ROYALTIES AND REMUNERATION, MONTH %(month)s")
            % {"month": str(statement)}
        ]
    )
    sheet["A2"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(headers)
    header_row = sheet.max_row
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        cell = sheet.cell(row=header_row, column=column)
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    number = 0
    for person in lines:
        for record in person["records"]:
            number += 1
            title = str(record.title)
            if record.adjusts_id:
                title = pgettext("royalties", "Adjustment of record no. %(pk)s (%(reason)s): %(title)s") % {
                    "pk": record.adjusts_id,
                    "reason": record.reason,
                    "title": title,
                }
            sheet.append(
                [
                    number,
                    person["name"],
                    person["unit"].name if person["unit"] else "",
                    title,
                    record.work_date,
                    record.get_kind_display(),
                    float(record.coefficient) if record.coefficient is not None else None,
                    record.amount,
                    "",
                ]
            )
            row = sheet.max_row
            sheet.cell(row=row, column=5).number_format = "DD/MM/YYYY"
            sheet.cell(row=row, column=8).number_format = MONEY
        sheet.append(
            [
                "",
                pgettext("royalties", "Total for %(name)s") % {"name": person["name"]},
                "",
                "",
                "",
                "",
                "",
                person["total"],
                "",
            ]
        )
        row = sheet.max_row
        sheet.cell(row=row, column=2).font = Font(bold=True)
        sheet.cell(row=row, column=8).font = Font(bold=True)
        sheet.cell(row=row, column=8).number_format = MONEY
    for row in sheet.iter_rows(min_row=header_row + 1, max_row=sheet.max_row, max_col=len(headers)):
        for cell in row:
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.append(["", pgettext("royalties", "TOTAL"), "", "", "", "", "", total, ""])
    row = sheet.max_row
    for column in (2, 8):
        sheet.cell(row=row, column=column).font = Font(bold=True)
    sheet.cell(row=row, column=8).number_format = MONEY
    sheet.append(["", pgettext("royalties", "In words: %(words)s.") % {"words": amount_in_words(total)}])
    sheet.cell(row=sheet.max_row, column=2).font = Font(italic=True)
    if statement.is_paid:
        sheet.append(
            [
                "",
                pgettext("royalties", "Paid on %(date)s, reference %(reference)s")
                % {"date": f"{statement.paid_on:%d/%m/%Y}", "reference": statement.paid_reference},
            ]
        )
    sheet.append([])
    sheet.append(
        [
            "",
            pgettext("royalties", "Prepared by"),
            "",
            pgettext("royalties", "Head of the editorial board"),
            "",
            pgettext("royalties", "Chief accountant"),
            "",
            pgettext("royalties", "Director"),
        ]
    )
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
