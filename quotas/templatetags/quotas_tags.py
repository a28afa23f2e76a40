from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def money(value):
    """Whole đồng with thousands grouped: 350.000 in Vietnamese, 350,000 in English."""
    if value in (None, ""):
        return "—"
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".") if (get_language() or "vi").startswith("vi") else grouped


# The two big tables are written here rather than with template tags: at 200 units the month's
# table is 2,400 cells and the yearly ranking 4,400, and Django's template engine (a variable
# lookup, localisation and escaping per value, a URL reverse per link) took most of each page's
# time (docs/quotas.md, "Speed"). Numbers are ours; every text goes through escape().


def _status_html(status):
    # str() first: escape() of a lazy label stays lazy and would translate again at every use.
    return escape(status.css), escape(status.symbol), escape(str(status.label))


@register.simple_tag
def quota_rows(report, links):
    """The <tr> rows of the month's table (quotas/includes/month_table.html)."""
    if not report.rows:
        return format_html('<tr><td colspan="12">{}</td></tr>', _("No units to show."))
    month = escape(report.month)
    cell_prefix = ""
    if links:
        # One reverse for the whole table: the URL only varies by unit id and measure.
        sample = reverse("quotas:cell", args=[1, "m"])
        cell_prefix = sample[: -len("1/m/")]
    exempted = escape(_("Exempted:"))
    statuses, bases, parts = {}, {}, []
    for row in report.rows:
        status = row.status
        css, symbol, label = statuses.get(status.code) or statuses.setdefault(status.code, _status_html(status))
        basis = bases.get(row.basis) or bases.setdefault(row.basis, escape(str(row.basis_label)))
        linked = links and row.unit_id
        parts.append(f'<tr class="quota-row quota-{css}"><th scope="row">{escape(row.unit_name)}')
        if row.is_exempt:
            parts.append(f'<br><span class="meta">{exempted} {escape(row.exemption_reason)}</span>')
        parts.append(
            "</th>"
            f'<td class="num">{"—" if row.target_tin is None else row.target_tin}</td>'
            f'<td class="num">{"—" if row.target_bai is None else row.target_bai}</td>'
        )
        for measure, value in row.cells:
            if linked and value:
                parts.append(f'<td class="num"><a href="{cell_prefix}{row.unit_id}/{measure}/?thang={month}">'
                             f"{value}</a></td>")
            else:
                parts.append(f'<td class="num">{value}</td>')
        percent = row.percent
        parts.append(
            f"<td>{basis}</td>"
            f'<td class="num">{"—" if percent is None else f"{percent}%"}</td>'
            f'<td><span class="status status-{css}"><span aria-hidden="true">{symbol}</span> {label}</span></td>'
        )
        late = row.late
        if late is None:
            parts.append('<td class="num">—</td>')
        elif linked and late:
            parts.append(f'<td class="num"><a href="{cell_prefix}{row.unit_id}/late/?thang={month}">{late}</a></td>')
        else:
            parts.append(f'<td class="num">{late}</td>')
        if report.has_royalties:
            parts.append(f'<td class="num">{escape(money(row.royalty))}</td>')
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


@register.simple_tag
def ranking_rows(rows):
    """The <tr> rows of the yearly ranking (quotas/ranking.html), month cells linking to the dashboard."""
    if not rows:
        return format_html('<tr><td colspan="8">{}</td></tr>', _("No units to show."))
    dashboard_url = escape(reverse("quotas:dashboard"))
    statuses, months, parts = {}, {}, []
    for row in rows:
        average = row.average_percent
        parts.append(
            f'<tr><td class="num">{row.rank}</td><th scope="row">{escape(row.unit_name)}</th>'
            f'<td class="num">{row.months_met}</td><td class="num">{row.months_missed}</td>'
            f'<td class="num">{row.months_exempt}</td>'
            f'<td class="num">{"—" if average is None else f"{average}%"}</td>'
            f'<td class="num">{row.sent_tin} / {row.sent_bai}</td>'
            f'<td class="num">{row.published_tin} / {row.published_bai}</td>'
        )
        for result, status in zip(row.results, row.statuses, strict=True):
            css, symbol, label = statuses.get(status.code) or statuses.setdefault(status.code, _status_html(status))
            month = months.get(result.month)
            if month is None:
                month = months[result.month] = (escape(result.month), escape(result.month.label))
            value, month_label = month
            parts.append(
                f'<td class="month-col"><a class="status status-{css}" href="{dashboard_url}?thang={value}" '
                f'title="{month_label}: {label}"><span aria-hidden="true">{symbol}</span>'
                f'<span class="visually-hidden">{month_label}: {label}</span></a></td>'
            )
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
