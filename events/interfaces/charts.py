"""Race charts as SVG, drawn on the server: no script and no ``style`` attribute (the pages'
content security policy), coloured by classes of the stylesheet (``car-0`` ... ``car-11``
for the lines of one class, cycling; ``caution-fcy``, ``caution-sf``, ``caution-rf`` for
the shaded laps under caution), each line in a ``<g data-car="...">`` so a small static
script can highlight a car. Coordinates are in a ``viewBox``: the SVG scales to its box.

- ``lap_chart_svg``: each car's class position (1 at the top) at the end of every lap,
  the car's number at both ends of its line.
- ``gap_chart_svg``: each car's gap in seconds at every lap to the class leader (0 at the
  top) or to a chosen car (0 in the middle, ahead above), its pit stops dotted; gaps over
  ``GAP_CAP_MS`` are drawn at the edge, as the title says.

Both have laps along the bottom and race time (hours) along the top, the laps under
caution shaded, and can show only some laps (an hour range of the race, ``ChartRange``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..core.charts.axis import HOUR_MS, laps_between, time_ticks
from ..core.charts.lapchart import gaps_to_car
from ..core.vocab import FlagAtLine
from ..results.charts import ClassChart

WIDTH = 960
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 16, 28
HOURS_BAND = 14  # above the plot of the race charts: race-time ticks
ROW_PX = 16  # a position's height in the lap chart
GAP_HEIGHT = 320
GAP_CAP_MS = 5 * 60 * 1000
CAR_COLOURS = 12


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _lap_ticks(laps: int) -> list[int]:
    step = next((step for step in (1, 2, 5, 10, 20, 25, 50, 100) if laps / step <= 12), 200)
    return [1, *(lap for lap in range(step, laps + 1, step) if lap > 1)]


def _svg(kind: str, chart: ClassChart, height: float, body: list[str], summary: str) -> str:
    return svg_document(kind, chart.code, height, body, summary)


def svg_document(kind: str, key: str, height: float, body: list[str], summary: str) -> str:
    """An ``svg.chart`` of ``kind`` drawing ``body``, its ``<title>`` (id ``{kind}-{key}-title``) the summary."""
    ident = f"{kind}-{escape(key.lower().replace(' ', '-'))}"
    return (
        f'<svg class="chart {kind}" viewBox="0 0 {WIDTH} {_number(height)}" role="img" '
        f'aria-labelledby="{ident}-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(summary)}</title>' + "".join(body) + "</svg>"
    )


@dataclass(frozen=True)
class ChartRange:
    """The laps a chart shows, first and last included, and where each lap's x is."""

    first: int
    last: int

    def x(self, lap: float) -> float:
        return LEFT + (lap - self.first) * (WIDTH - LEFT - RIGHT) / max(self.last - self.first, 1)

    def xs(self) -> dict[int, str]:
        """Each shown lap's x as written: computed once a chart, not once a point."""
        return {lap: _number(self.x(lap)) for lap in range(self.first, self.last + 1)}

    def runs(self, values: Sequence[int | None]) -> list[list[tuple[int, int]]]:
        """(lap number, value) of the shown laps, in runs of consecutive laps with a value: one polyline each."""
        shown = values[self.first - 1 : self.last]
        gap = shown.index(None) if None in shown else len(shown)
        if shown.count(None) == len(shown) - gap:  # no lap missing but at the end: one run (most cars)
            return [list(zip(range(self.first, self.first + gap), shown[:gap], strict=True))] if gap else []
        runs: list[list[tuple[int, int]]] = []
        current: list[tuple[int, int]] = []
        for lap in range(self.first, min(self.last, len(values)) + 1):
            value = values[lap - 1]
            if value is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append((lap, value))
        if current:
            runs.append(current)
        return runs


def chart_range(chart: ClassChart, hours: tuple[int, int] | None = None) -> ChartRange | None:
    """The laps of the class in race hours ``hours`` (from, to), all its laps without; None
    when it has none there."""
    laps = max((len(car.positions) for car in chart.series.cars), default=0)
    if hours is None:
        return ChartRange(1, laps) if laps else None
    found = laps_between(chart.series.leader_elapsed_ms, hours[0] * HOUR_MS, hours[1] * HOUR_MS)
    return ChartRange(*found) if found else None


def _clock(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{rest}m" if not hours else f"{hours}h{rest:02d}" if rest else f"{hours}h"


def _frame(chart: ClassChart, shown: ChartRange, top: float, bottom: float) -> list[str]:
    """Shaded laps under caution, hour lines and ticks above the plot, the lap axis below it."""
    parts = []
    for run in chart.series.cautions:
        first, last = max(run.first_lap - 1, shown.first - 1), min(run.last_lap, shown.last)
        if last < shown.first or first > shown.last:
            continue
        x1, x2 = max(shown.x(first), LEFT), shown.x(last)
        label = f"{FlagAtLine(run.flag).label}: " + (
            f"lap {run.first_lap}" if run.first_lap == run.last_lap else f"laps {run.first_lap}–{run.last_lap}"
        )
        parts.append(
            f'<rect class="caution caution-{run.flag.lower()}" x="{_number(x1)}" y="{_number(top)}" '
            f'width="{_number(max(x2 - x1, 1))}" height="{_number(bottom - top)}"><title>{label}</title></rect>'
        )
    for minutes, lap in time_ticks(chart.series.leader_elapsed_ms, shown.first, shown.last):
        if not shown.first - 1 <= lap <= shown.last:
            continue
        x = _number(max(shown.x(lap), LEFT))
        parts.append(f'<line class="grid hour" x1="{x}" y1="{_number(top)}" x2="{x}" y2="{_number(bottom)}"/>')
        parts.append(f'<text class="tick" x="{x}" y="{_number(top - 4)}" text-anchor="middle">{_clock(minutes)}</text>')
    parts += lap_axis(shown, bottom)
    parts.append(f'<text class="axis-label" x="{WIDTH - RIGHT + 14}" y="{_number(top - 4)}">race</text>')
    return parts


def lap_axis(shown: ChartRange, y: float) -> list[str]:
    """The lap axis along ``y``: its line, lap numbers and its name."""
    parts = [f'<line class="axis" x1="{LEFT}" y1="{_number(y)}" x2="{WIDTH - RIGHT}" y2="{_number(y)}"/>']
    tick_y = _number(y + 16)
    for tick in _lap_ticks(shown.last - shown.first + 1):
        lap = tick + shown.first - 1
        parts.append(f'<text class="tick" x="{_number(shown.x(lap))}" y="{tick_y}" text-anchor="middle">{lap}</text>')
    # Past the last tick's number (centred on the axis's end), inside the right margin.
    parts.append(f'<text class="axis-label" x="{WIDTH - RIGHT + 14}" y="{tick_y}">lap</text>')
    return parts


def _range_text(chart: ClassChart, shown: ChartRange) -> str:
    laps = max((len(car.positions) for car in chart.series.cars), default=0)
    return f"each of {laps} laps" if (shown.first, shown.last) == (1, laps) else f"laps {shown.first} to {shown.last}"


def lap_chart_svg(chart: ClassChart, shown: ChartRange | None = None) -> str:
    shown = shown or chart_range(chart) or ChartRange(1, 1)
    cars = chart.series.cars
    top = TOP + HOURS_BAND
    height = top + max(len(cars), 1) * ROW_PX + BOTTOM
    y = lambda position: top + (position - 0.5) * ROW_PX  # noqa: E731
    xs, ys = shown.xs(), ["", *(_number(y(position)) for position in range(1, len(cars) + 1))]
    body = _frame(chart, shown, top, height - BOTTOM)
    for index, car in enumerate(cars):
        number = escape(car.number)
        runs = shown.runs(car.positions)
        lines = ['<polyline points="' + " ".join(f"{xs[k]},{ys[p]}" for k, p in run) + '"/>' for run in runs]
        labels = []
        if runs:
            (first_lap, first), (last_lap, last) = runs[0][0], runs[-1][-1]
            start_x, end_x = _number(shown.x(first_lap) - 6), _number(shown.x(last_lap) + 6)
            labels = [
                f'<text x="{start_x}" y="{_number(y(first) + 4)}" text-anchor="end">{number}</text>',
                f'<text x="{end_x}" y="{_number(y(last) + 4)}">{number}</text>',
            ]
        body.append(f'<g class="car car-{index % CAR_COLOURS}" data-car="{number}">' + "".join(lines + labels) + "</g>")
    summary = f"Lap chart, {chart.name}: each car's position in class at the end of {_range_text(chart, shown)}"
    return _svg("lap-chart", chart, height, body, summary)


def _seconds(ms: int) -> str:
    return f"{'+' if ms > 0 else '−' if ms < 0 else ''}{abs(ms) // 1000}s"


def gap_chart_svg(chart: ClassChart, shown: ChartRange | None = None, reference: str | None = None) -> str:
    shown = shown or chart_range(chart) or ChartRange(1, 1)
    series = (gaps_to_car(chart.series, reference) if reference else None) or chart.series
    reference = reference if series is not chart.series else None
    cars = series.cars
    car_runs = [shown.runs(car.gaps_ms) for car in cars]
    gaps = [gap for runs in car_runs for run in runs for _lap, gap in run]
    low, high = min(gaps, default=0), max(gaps, default=0)
    low_ms, high_ms = max(min(low, 0), -GAP_CAP_MS), max(min(high, GAP_CAP_MS), 1000)
    step_s = next((step for step in (1, 2, 5, 10, 15, 30, 60) if (high_ms - low_ms) / 1000 / step <= 6), 120)
    step_ms = step_s * 1000
    low_ms = -((-low_ms + step_ms - 1) // step_ms) * step_ms  # down to a whole tick: -0.1 s to -1 s
    top = TOP + HOURS_BAND
    plot = GAP_HEIGHT - top - BOTTOM
    y = lambda ms: top + (min(max(ms, low_ms), high_ms) - low_ms) * plot / (high_ms - low_ms)  # noqa: E731
    written: dict[int, str] = {}  # y in tenths of a unit -> as written: 20,000 points, a few hundred heights

    def y_text(ms: int) -> str:
        tenths = round(y(ms) * 10)
        text = written.get(tenths)
        if text is None:
            text = written[tenths] = _number(tenths / 10)
        return text

    body = _frame(chart, shown, top, GAP_HEIGHT - BOTTOM)
    for seconds in range(-(-low_ms // 1000 // step_s) * step_s, int(high_ms / 1000) + 1, step_s):
        tick_y = _number(y(seconds * 1000))
        body.append(f'<line class="grid" x1="{LEFT}" y1="{tick_y}" x2="{WIDTH - RIGHT}" y2="{tick_y}"/>')
        body.append(
            f'<text class="tick" x="{LEFT - 6}" y="{tick_y}" text-anchor="end">{_seconds(seconds * 1000)}</text>'
        )
    xs = shown.xs()
    for index, (car, runs) in enumerate(zip(cars, car_runs, strict=True)):
        gaps_of = car.gaps_ms
        parts = ['<polyline points="' + " ".join(f"{xs[k]},{y_text(gap)}" for k, gap in run) + '"/>' for run in runs]
        parts += [
            f'<circle class="pit" cx="{xs[lap]}" cy="{y_text(gaps_of[lap - 1])}" r="2.5"/>'
            for lap in car.pit_laps
            if shown.first <= lap <= shown.last and lap <= len(gaps_of) and gaps_of[lap - 1] is not None
        ]
        body.append(
            f'<g class="car car-{index % CAR_COLOURS}" data-car="{escape(car.number)}">' + "".join(parts) + "</g>"
        )
    capped = " (gaps over 5 minutes drawn at the edge)" if high > GAP_CAP_MS or low < -GAP_CAP_MS else ""
    to = f"car #{reference} (negative: ahead of it)" if reference else "the class leader"
    summary = (
        f"Gap chart, {chart.name}: each car's gap to {to} in seconds at the end of {_range_text(chart, shown)}, "
        f"dots at pit stops{capped}"
    )
    return _svg("gap-chart", chart, GAP_HEIGHT, body, summary)


# Shared with the car page's charts (interfaces.car_charts) under public names.
chart_number, lap_ticks = _number, _lap_ticks
