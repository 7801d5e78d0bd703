"""Charts over dates as SVG markup, drawn on the server: readable on a phone, every value
marked, accessible.

    chart = Chart(id="pain", title="Pain after sessions", description="5 -> 3 ...",
                  start=date(2026, 3, 2), end=date(2026, 3, 29), y_max=10,
                  series=[Series("after sessions", [(date(2026, 3, 2), 5.0), ...])])
    render(chart)        # '<svg ...>...</svg>': text escaped, safe to put in a page

Why our own: the matplotlib figure (charts.py) is a fixed-size image whose text shrinks
to ~4 px on a phone, and a chart library for the browser would cost page weight and a
build step. This one draws into a viewBox :data:`WIDTH` units wide, shown at 100 % of its
column, with text :data:`FONT` units high: a 375 px phone gives the column about 343 px
(15 px text), a 320 px one about 288 px (12.6 px), so the text is never under 12 CSS px.
Wider screens cap the column (app.css, "Progress charts").

How the page's needs are met:

- Every value is marked, and a single value is as visible as many: each series has its
  own marker shape and dash as well as its colour, so colour is never the only cue.
- Colours come from the page's CSS (classes ``pchart-s0`` .. ``pchart-s3``) and default
  to ``currentColor``, so a dark theme needs nothing here. No ``style`` attribute and no
  ``<style>``: the page's Content-Security-Policy refuses inline styles.
- ``role="img"``, named by its ``<title>`` and described by its ``<desc>``; the page
  gives the numbers themselves as a table.
- Every text is escaped: a series label may be a person's own words (a PSFS activity).

Points sit in *slots* of ``slot_days`` days (1: a point a day, 7: a point a week starting
on the given day), drawn at the slot's middle; bars fill 60 % of their slot.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Literal

from backcoach import i18n

WIDTH = 320
HEIGHT = 180
FONT = 14  # user units; see the module docstring for why 14 in 320
LEFT, RIGHT, TOP, BOTTOM = 30, 10, 10, 24  # room for the axis labels
STYLES = 4  # series styles: pchart-s0 .. pchart-s3
MARKER = 4.5  # a marker's half size: visible at a glance on a phone
_DASHES = ("", "6 3", "2 3", "8 3 2 3")
_ID = re.compile(r"[a-z][a-z0-9-]*")

Kind = Literal["line", "bars"]


@dataclass(frozen=True)
class Series:
    """One row of values: a line with a marker on each value, or bars."""

    label: str
    points: Sequence[tuple[date, float]]
    kind: Kind = "line"
    style: int = 0  # 0 .. STYLES - 1: colour, marker shape and dash


@dataclass(frozen=True)
class Band:
    """A range of values shaded behind the series (e.g. no meaningful change)."""

    low: float
    high: float


@dataclass(frozen=True)
class Chart:
    """What to draw: series over the slots from ``start`` to ``end`` (both included)."""

    id: str  # unique on the page: names the chart's <title> and <desc>
    title: str
    description: str
    start: date
    end: date
    series: Sequence[Series]
    slot_days: int = 1
    y_max: float | None = None  # the top of the scale; None: from the values
    band: Band | None = None


def render(chart: Chart) -> str:
    """Return the chart as an ``<svg>`` element; raises ValueError on an id that is not a
    lowercase name, a style out of range or ``end`` before ``start``."""
    _check(chart)
    frame = _Frame(chart)
    parts = [
        f'<svg class="pchart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="{chart.id}-chart-title {chart.id}-chart-desc" font-size="{FONT}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart.id}-chart-title">{escape(chart.title)}</title>',
        f'<desc id="{chart.id}-chart-desc">{escape(chart.description)}</desc>',
    ]
    if chart.band is not None:
        parts.append(frame.band(chart.band))
    parts += frame.y_axis()
    parts += frame.x_axis()
    for series in chart.series:
        parts += frame.bars(series) if series.kind == "bars" else frame.line(series)
    parts.append("</svg>")
    return "".join(parts)


def _check(chart: Chart) -> None:
    if not _ID.fullmatch(chart.id):
        raise ValueError(f"chart id {chart.id!r}: use lowercase letters, digits and '-'")
    if chart.end < chart.start:
        raise ValueError(f"chart {chart.id}: end {chart.end} is before start {chart.start}")
    for series in chart.series:
        if not 0 <= series.style < STYLES:
            raise ValueError(f"chart {chart.id}: style {series.style} is not 0 to {STYLES - 1}")


def nice_top(value: float) -> tuple[float, float]:
    """Return (the top of a scale holding ``value``, the step between its labels): 1, 2 or
    5 times a power of ten as the step, two steps or more to the top."""
    if value <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(value / 2))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= value / 2)
    return step * math.ceil(value / step - 1e-9), step


def _number(value: float) -> str:
    """Return a coordinate or a label with at most one decimal: short markup."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _Frame:
    """The chart's scales: from a day and a value to a point in the viewBox."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.first = chart.start.toordinal()
        self.days = chart.end.toordinal() + chart.slot_days - self.first
        values = [v for s in chart.series for _, v in s.points]
        highest = max([*values, chart.band.high if chart.band else 0.0, 0.0])
        if chart.y_max is not None and highest <= chart.y_max:
            self.top, self.step = chart.y_max, chart.y_max / 2
        else:
            self.top, self.step = nice_top(highest)
        # Room for the longest label of the value axis (the top one): "3600" needs more.
        self.left = max(LEFT, round(8 + 0.6 * FONT * len(_number(self.top))))
        self.right = WIDTH - RIGHT
        self.high, self.low = TOP, HEIGHT - BOTTOM

    def x(self, day: date) -> float:
        """The middle of the day's slot."""
        middle = day.toordinal() - self.first + self.chart.slot_days / 2
        return self.left + middle / self.days * (self.right - self.left)

    def y(self, value: float) -> float:
        clipped = min(max(value, 0.0), self.top)
        return self.low - clipped / self.top * (self.low - self.high)

    def band(self, band: Band) -> str:
        top, bottom = self.y(band.high), self.y(band.low)
        return (f'<rect class="pchart-band" x="{self.left}" y="{_number(top)}" '
                f'width="{self.right - self.left}" height="{_number(bottom - top)}" '
                'fill="currentColor" fill-opacity="0.12"/>')

    def y_axis(self) -> list[str]:
        parts = []
        count = round(self.top / self.step)
        for n in range(count + 1):
            value = n * self.step
            y = _number(self.y(value))
            parts.append(f'<line class="pchart-grid" x1="{self.left}" x2="{self.right}" '
                         f'y1="{y}" y2="{y}" stroke="currentColor" stroke-opacity="0.2"/>')
            parts.append(f'<text class="pchart-text" x="{self.left - 4}" y="{y}" '
                         f'dy="0.35em" text-anchor="end" fill="currentColor">'
                         f'{_number(value)}</text>')
        return parts

    def x_axis(self) -> list[str]:
        """Labels under the first, the middle and the last slot (one when there is one)."""
        chart = self.chart
        slots = (chart.end.toordinal() - chart.start.toordinal()) // chart.slot_days
        picks = sorted({0, slots // 2, slots}) if slots >= 4 else sorted({0, slots})
        long_span = self.days > 300
        parts = []
        for n, pick in enumerate(picks):
            day = date.fromordinal(chart.start.toordinal() + pick * chart.slot_days)
            label = _axis_date(day, long_span)
            anchor = "middle"
            x = self.x(day)
            if len(picks) > 1 and n == 0:
                anchor, x = "start", max(self.left, x - 12)
            elif len(picks) > 1 and n == len(picks) - 1:
                anchor, x = "end", min(self.right, x + 12)
            parts.append(f'<text class="pchart-text" x="{_number(x)}" y="{HEIGHT - 6}" '
                         f'text-anchor="{anchor}" fill="currentColor">{label}</text>')
        return parts

    def line(self, series: Series) -> list[str]:
        points = [(self.x(day), self.y(value)) for day, value in series.points]
        if not points:
            return []
        css = f"pchart-s{series.style}"
        dash = _DASHES[series.style]
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{_number(x)},{_number(y)}" for x, y in points)
        parts = [f'<g class="pchart-series {css}" data-series="{escape(series.label)}" '
                 'fill="currentColor" stroke="currentColor">']
        if len(points) > 1:
            parts.append(f'<polyline class="pchart-line" points="{path}" fill="none" '
                         f'stroke-width="2"{dashing}/>')
        parts += [_marker(series.style, x, y) for x, y in points]
        parts.append("</g>")
        return parts

    def bars(self, series: Series) -> list[str]:
        width = 0.6 * self.chart.slot_days / self.days * (self.right - self.left)
        css = f"pchart-s{series.style}"
        parts = [f'<g class="pchart-series {css}" data-series="{escape(series.label)}" '
                 'fill="currentColor" fill-opacity="0.75">']
        for day, value in series.points:
            top = self.y(value)
            # A zero is drawn as a sliver on the axis: a week with none is seen, not missed.
            height = max(self.low - top, 2.0)
            parts.append(f'<rect class="pchart-mark" x="{_number(self.x(day) - width / 2)}" '
                         f'y="{_number(self.low - height)}" width="{_number(width)}" '
                         f'height="{_number(height)}"/>')
        parts.append("</g>")
        return parts


def _marker(style: int, x: float, y: float) -> str:
    """A marker of the style's shape: circle, square, triangle, diamond."""
    m = MARKER
    if style == 0:
        return (f'<circle class="pchart-mark" cx="{_number(x)}" cy="{_number(y)}" '
                f'r="{m}"/>')
    if style == 1:
        return (f'<rect class="pchart-mark" x="{_number(x - m)}" y="{_number(y - m)}" '
                f'width="{2 * m}" height="{2 * m}"/>')
    corners: tuple[tuple[float, float], ...]
    if style == 2:
        corners = ((x, y - m * 1.2), (x + m * 1.1, y + m * 0.9), (x - m * 1.1, y + m * 0.9))
    else:
        corners = ((x, y - m * 1.3), (x + m * 1.3, y), (x, y + m * 1.3), (x - m * 1.3, y))
    points = " ".join(f"{_number(a)},{_number(b)}" for a, b in corners)
    return f'<polygon class="pchart-mark" points="{points}"/>'


def legend_swatch(style: int, kind: Kind = "line") -> str:
    """Return a small SVG of the series' marker and dash, for a legend written in HTML
    (hidden from screen readers: the legend's words say it)."""
    if kind == "bars":
        inner = (f'<g class="pchart-s{style}" fill="currentColor"><rect class="pchart-mark" '
                 'x="6" y="3" width="12" height="12" fill-opacity="0.75"/></g>')
    else:
        dash = _DASHES[style]
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        inner = (f'<g class="pchart-s{style}" fill="currentColor" stroke="currentColor">'
                 f'<line x1="0" x2="24" y1="9" y2="9" stroke-width="2"{dashing}/>'
                 f'{_marker(style, 12, 9)}</g>')
    return (f'<svg class="pchart-swatch" viewBox="0 0 24 18" width="24" height="18" '
            f'aria-hidden="true" focusable="false">{inner}</svg>')


def band_swatch() -> str:
    """Return a small SVG of the shaded band, for the legend (hidden from screen readers)."""
    return ('<svg class="pchart-swatch" viewBox="0 0 24 18" width="24" height="18" '
            'aria-hidden="true" focusable="false"><rect class="pchart-band" x="0" y="3" '
            'width="24" height="12" fill="currentColor" fill-opacity="0.12"/></svg>')


def _axis_date(day: date, long_span: bool) -> str:
    """Return an axis label: "Mar 2026" or "4 Mar" (in Russian: "мар. 2026", "4 мар.")."""
    if i18n.current() == i18n.DEFAULT:
        return f"{day:%b %Y}" if long_span else f"{day.day} {day:%b}"
    from babel.dates import format_date

    return format_date(day, format="LLL y" if long_span else "d MMM", locale=i18n.current())
