"""Excel workbooks of the monthly report (flag-ceremony meeting) and of the yearly appendix.

Headings are Vietnamese whatever the page language: the report is an
official document of the department (Hà Tĩnh 1148 point 2; Trà Vinh appendix).
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from organisation.selectors import department_get

FILLS = {
    "met": "C6EFCE", "on-track": "DDEBF7", "behind": "FFEB9C", "partly": "FFEB9C",
    "missed": "FFC7CE", "exempt": "EDEDED", "none": "EDEDED",
}
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)


def _save(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header(sheet, title, subtitle, report_date, columns):
    """The department's header, the title, the month and the date of the report."""
    department = department_get()
    last = get_column_letter(columns)
    rows = [
        (department.governing_body.upper() if department.governing_body else "", False),
        (department.name.upper(), True),
        ("", False),
        (title, True),
        (subtitle, True),
        (_("Report date: %(date)s") % {"date": report_date.strftime("%d/%m/%Y")}, False),
    ]
    for number, (text, bold) in enumerate(rows, start=1):
        sheet.merge_cells(f"A{number}:{last}{number}")
        cell = sheet.cell(row=number, column=1, value=text)
        cell.font = Font(bold=bold, size=13 if number == 4 else 11)
        cell.alignment = Alignment(horizontal="center")
    return len(rows) + 2


def _table_head(sheet, row, headings):
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=row, column=column, value=heading)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.border = BORDER
    sheet.row_dimensions[row].height = 45


def _cells(sheet, row, values, bold=False):
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.border = BORDER
        if bold:
            cell.font = BOLD


def month_report_xlsx(report, report_date):
    with translation.override("vi"):
        return _month_report_xlsx(report, report_date)


def _month_report_xlsx(report, report_date):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Month %(month)s") % {"month": report.month.label.replace("/", "-")}
    headings = [
        _("No."), _("Unit"), _("Target: news items"), _("Target: articles"),
        _("Sent: news items"), _("Sent: articles"), _("Published: news items"), _("Published: articles"),
        _("Counted on"), _("Percent of target"), _("Result"), _("Late against deadlines"), _("Notes"),
    ]
    if report.has_royalties:
        headings.append(_("Royalties (VND)"))
    row = _header(
        sheet,
        _("REPORT ON THE MONTHLY QUOTA OF NEWS ITEMS AND ARTICLES"),
        _("Month %(month)s") % {"month": report.month.label},
        report_date,
        len(headings),
    )
    _table_head(sheet, row, headings)
    first_data = row + 1
    for number, result in enumerate(report.rows, start=1):
        row += 1
        status = result.status
        values = [
            number, result.unit_name, result.target_tin, result.target_bai,
            result.sent_tin, result.sent_bai, result.published_tin, result.published_bai,
            str(result.basis_label), result.percent, str(status.label), result.late,
            result.exemption_reason,
        ]
        if report.has_royalties:
            values.append(result.royalty)
        _cells(sheet, row, values)
        sheet.cell(row=row, column=11).fill = PatternFill("solid", fgColor=FILLS[status.css])
    last_data = row
    row += 1
    totals = report.totals
    values = [
        "", _("Total"), totals.target_tin, totals.target_bai, totals.sent_tin, totals.sent_bai,
        totals.published_tin, totals.published_bai, "", None,
        _("%(met)s met, %(missed)s not met") % {"met": totals.met, "missed": totals.not_met},
        totals.late, "",
    ]
    if report.has_royalties:
        values.append(totals.royalty)
    _cells(sheet, row, values, bold=True)
    if last_data >= first_data:
        # Conditional colours on the percentage, as Excel users expect to see them.
        cells = f"J{first_data}:J{last_data}"
        sheet.conditional_formatting.add(
            cells, CellIsRule(operator="greaterThanOrEqual", formula=["100"], fill=PatternFill("solid", bgColor=FILLS["met"]))
        )
        sheet.conditional_formatting.add(
            cells, CellIsRule(operator="between", formula=["50", "99"], fill=PatternFill("solid", bgColor=FILLS["partly"]))
        )
        sheet.conditional_formatting.add(
            cells, CellIsRule(operator="lessThan", formula=["50"], fill=PatternFill("solid", bgColor=FILLS["missed"]))
        )
    row += 2
    sheet.cell(row=row, column=2, value=_("Site visits in the month")).font = BOLD
    sheet.cell(row=row, column=4, value=report.visits if report.visits is not None else "—")
    row += 1
    sheet.cell(row=row, column=2, value=_("Readers' feedback in the month")).font = BOLD
    if report.feedback:
        for label, count in report.feedback_rows:
            sheet.cell(row=row, column=3, value=str(label))
            sheet.cell(row=row, column=4, value=count)
            row += 1
    else:
        sheet.cell(row=row, column=4, value="—")
    widths = [6, 42, 10, 10, 10, 10, 12, 12, 14, 10, 16, 12, 30, 16]
    for column, width in enumerate(widths[: len(headings)], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=first_data, column=3)
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return _save(workbook)


def yearly_xlsx(table, report_date):
    with translation.override("vi"):
        workbook = Workbook()
        for index, (title, rows, first_heading) in enumerate((
            (_("By category"), table.by_category, _("Category")),
            (_("By unit"), table.by_unit, _("Unit")),
        )):
            sheet = workbook.active if index == 0 else workbook.create_sheet()
            sheet.title = title
            headings = [_("No."), first_heading, *[str(y) for y in table.years], _("Total")]
            row = _header(
                sheet,
                _("ITEMS PUBLISHED ON THE PORTAL BY YEAR"),
                _("%(first)s–%(last)s") % {"first": table.years[0], "last": table.years[-1]},
                report_date,
                len(headings),
            )
            _table_head(sheet, row, headings)
            for number, (name, counts, total) in enumerate(rows, start=1):
                row += 1
                _cells(sheet, row, [number, name, *counts, total])
            row += 1
            _cells(sheet, row, ["", _("Total"), *table.totals, sum(table.totals)], bold=True)
            sheet.column_dimensions["A"].width = 6
            sheet.column_dimensions["B"].width = 48
        return _save(workbook)
