"""Bar charts drawn on the server as SVG.

No JavaScript and no CDN: the numbers are computed here, every text is
escaped (esc), and each chart has a <title>/<desc> and a data table
beside it for screen readers.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Charts remembered per worker: the dashboard of one month at 200 units draws 201 (about 4.5 MB).
CHART_MEMORY = 512


def esc(text):
    return escape(str(text), quote=True)


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
    _html: dict = field(default_factory=dict, repr=False, compare=False)

    def figure(self, compact=False):
        """The chart as <figure><svg>…</svg><figcaption> (written once per chart and kind, then remembered)."""
        html = self._html.get(compact)
        if html is None:
            html = self._html[compact] = self._draw(compact)
        return html

    def _draw(self, compact):
        """The chart as <figure><svg>…</svg><figcaption>, ready for a template.

        Built here with f-strings rather than with template tags or format_html: the dashboard
        draws one chart per unit (200 in the benchmark), thousands of bars, and both took most
        of the page's time (docs/performance.md). Numbers are ours; every text goes through esc().
        """
        key, left, right = self.key, self.plot_left, self.plot_right
        parts = [
            f'<figure class="chart{" chart-compact" if compact else ""}">'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" aria-labelledby="chart-{esc(key)}-title chart-{esc(key)}-desc">'
            f'<title id="chart-{esc(key)}-title">{esc(self.title)}</title>'
            f'<desc id="chart-{esc(key)}-desc">{esc(self.description)}</desc>'
        ]
        parts += [
            f'<line class="grid" x1="{left}" x2="{right}" y1="{y}" y2="{y}"/><text class="tick" x="{left - 4}" '
            f'y="{y}" text-anchor="end" dominant-baseline="middle">{esc(text)}</text>'
            for y, text in self.y_ticks
        ]
        parts += [
            f'<rect class="bar bar-{esc(b.css)}" x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}">'
            f"<title>{esc(b.label)}</title></rect>"
            for b in self.bars
        ]
        if self.target_y is not None:
            parts.append(
                f'<line class="target" x1="{left}" x2="{right}" y1="{self.target_y}" y2="{self.target_y}">'
                f"<title>{esc(self.target_label)}</title></line>"
            )
        parts += [f'<text class="tick" x="{x}" y="{y}" text-anchor="middle">{esc(text)}</text>'
                  for x, y, text in self.x_labels]
        parts.append("</svg><figcaption>")
        if compact:
            parts.append(f"<strong>{esc(self.title)}</strong> ")
        parts += [f'<span class="legend legend-{esc(css)}">{esc(label)}</span> ' for css, label in self.legend]
        if self.target_y is not None:
            parts.append(f'<span class="legend legend-target">{esc(self.target_label)}</span>')
        parts.append("</figcaption></figure>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

    def compact_figure(self):
        return self.figure(compact=True)


def _nice_max(value, ticks):
    """The smallest `ticks` × (1, 2 or 5 × 10ⁿ) not below `value`, so tick labels are round."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if step * ticks >= value:
                return step * ticks
        magnitude *= 10


def bar_chart(*, key, title, months, series, target=None, width=640, height=240, compact=False):
    """Grouped bars: `series` is [(label, css, [value per month])]; `target` draws a dashed line.

    The same figures give the same chart, so charts are remembered (per worker, the most
    recent CHART_MEMORY): the dashboard draws 200 of them per request and most do not
    change between requests (closed months never do). The key holds every input,
    including the language of the labels, so a remembered chart is the chart that would
    be drawn now; nothing has to be invalidated.
    """
    return _bar_chart(
        key, str(title), tuple(months),
        tuple((str(label), css, tuple(values)) for label, css, values in series),
        target, width, height, compact, get_language(),
    )


@lru_cache(maxsize=CHART_MEMORY)
def _bar_chart(key, title, months, series, target, width, height, compact, _language):
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
    rounded_width = round(max(bar_width - 1, 1), 1)
    labels = [month.label for month in months]
    baseline = top + plot_height
    summary = []
    for index, month in enumerate(months):
        start = left + index * group + group * 0.1
        for position, (label, css, values) in enumerate(series):
            value = values[index]
            bar_height = plot_height * value / scale_max
            chart.bars.append(Bar(
                x=round(start + position * bar_width, 1),
                y=round(baseline - bar_height, 1),
                width=rounded_width,
                height=round(bar_height, 1),
                css=css,
                label=f"{labels[index]}: {label} {value}",
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
        summary.append(f"{label}: " + ", ".join(f"{m} {v}" for m, v in zip(labels, values, strict=True)))
    chart.description = "; ".join(summary)
    return chart
