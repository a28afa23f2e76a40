"""Bar charts drawn on the server as SVG geometry; the template writes the <svg>.

No JavaScript and no CDN: the numbers are computed here, the template
escapes every text, and each chart has a <title>/<desc> and a data table
beside it for screen readers.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    label: str


@dataclass
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    bars: list = field(default_factory=list)
    x_labels: list = field(default_factory=list)  # [(x, y, text)]
    y_ticks: list = field(default_factory=list)  # [(y, text)]
    target_y: float | None = None
    target_label: str = ""
    legend: list = field(default_factory=list)  # [(css, label)]
    plot_left: float = 0
    plot_right: float = 0
    plot_bottom: float = 0


def _nice_max(value, ticks):
    """The smallest `ticks` × (1, 2 or 5 × 10ⁿ) not below `value`, so tick labels are round."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if step * ticks >= value:
                return step * ticks
        magnitude *= 10


def bar_chart(*, key, title, months, series, target=None, width=640, height=240, compact=False):
    """Grouped bars: `series` is [(label, css, [value per month])]; `target` draws a dashed line."""
    left, right = (24 if compact else 40), 8
    top, bottom = 14, (18 if compact else 34)  # top: room for the highest tick label (12 px, centred)
    plot_width, plot_height = width - left - right, height - top - bottom
    ticks = 2 if compact else 4
    peak = max([v for _l, _c, values in series for v in values] + [target or 0, 1])
    scale_max = _nice_max(peak, ticks)
    chart = Chart(
        key=key, title=title, description="", width=width, height=height,
        plot_left=left, plot_right=width - right, plot_bottom=top + plot_height,
    )
    group = plot_width / max(len(months), 1)
    bar_width = group * 0.8 / max(len(series), 1)
    summary = []
    for index, month in enumerate(months):
        for position, (label, css, values) in enumerate(series):
            value = values[index]
            bar_height = plot_height * value / scale_max
            chart.bars.append(Bar(
                x=round(left + index * group + group * 0.1 + position * bar_width, 1),
                y=round(top + plot_height - bar_height, 1),
                width=round(max(bar_width - 1, 1), 1),
                height=round(bar_height, 1),
                css=css,
                label=f"{month.label}: {label} {value}",
            ))
        if not compact or index % 3 == 0 or index == len(months) - 1:
            text = f"{month.month:02d}/{month.year % 100:02d}"
            chart.x_labels.append((round(left + index * group + group / 2, 1), height - (4 if compact else 14), text))
    for tick in range(ticks + 1):
        value = scale_max * tick / ticks
        chart.y_ticks.append((round(top + plot_height - plot_height * tick / ticks, 1), f"{value:g}"))
    if target:
        chart.target_y = round(top + plot_height - plot_height * target / scale_max, 1)
        chart.target_label = _("target %(n)s a month") % {"n": target}
    chart.legend = [(css, label) for label, css, _values in series]
    for label, _css, values in series:
        summary.append(f"{label}: " + ", ".join(f"{m.label} {v}" for m, v in zip(months, values, strict=True)))
    chart.description = "; ".join(summary)
    return chart
