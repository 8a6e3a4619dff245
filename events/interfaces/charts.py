"""Race charts as SVG, drawn on the server: no script and no ``style`` attribute (the pages'
content security policy), coloured by classes of the stylesheet (``car-0`` ... ``car-11``
for the lines of one class, cycling), each line in a ``<g data-car="...">`` so a small
static script can highlight a car. Coordinates are in a ``viewBox``: the SVG scales to
its box.

- ``lap_chart_svg``: each car's class position (1 at the top) at the end of every lap,
  the car's number at both ends of its line.
- ``gap_chart_svg``: each car's gap to the class leader in seconds at every lap (0 at the
  top); gaps over ``GAP_CAP_MS`` are drawn at the bottom edge, as the axis says.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..results.charts import ClassChart

WIDTH = 960
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 16, 28
ROW_PX = 16  # a position's height in the lap chart
GAP_HEIGHT = 320
GAP_CAP_MS = 5 * 60 * 1000
CAR_COLOURS = 12


def _x(lap_number: int, laps: int) -> float:
    return LEFT + (lap_number - 1) * (WIDTH - LEFT - RIGHT) / max(laps - 1, 1)


def _runs(values: Sequence[int | None]) -> list[list[tuple[int, int]]]:
    """(lap number, value) in runs of consecutive laps with a value: one polyline each."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index + 1, value))
    if current:
        runs.append(current)
    return runs


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _xs(laps: int) -> list[str]:
    """Each lap's x as written (index k for lap k): computed once a chart, not once a point."""
    return ["", *(_number(_x(lap, laps)) for lap in range(1, laps + 1))]


def _lap_ticks(laps: int) -> list[int]:
    step = next((step for step in (1, 2, 5, 10, 20, 25, 50, 100) if laps / step <= 12), 200)
    return [1, *range(step, laps + 1, step)] if laps > 1 else [1]


def _svg(kind: str, chart: ClassChart, height: float, body: list[str], summary: str) -> str:
    return chart_svg(kind, chart.code, height, body, summary)


def chart_svg(kind: str, name: str, height: float, body: list[str], summary: str) -> str:
    """The chart's ``<svg>``: classes ``chart`` and ``kind``, its ``<title>`` the summary (its id
    made of ``kind`` and ``name``, unique in a page), then ``body``."""
    ident = f"{kind}-{escape(name.lower().replace(' ', '-'))}"
    return (
        f'<svg class="chart {kind}" viewBox="0 0 {WIDTH} {_number(height)}" role="img" '
        f'aria-labelledby="{ident}-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(summary)}</title>' + "".join(body) + "</svg>"
    )


def _x_axis(laps: int, y: float) -> list[str]:
    parts = [f'<line class="axis" x1="{LEFT}" y1="{_number(y)}" x2="{WIDTH - RIGHT}" y2="{_number(y)}"/>']
    for lap in _lap_ticks(laps):
        x = _number(_x(lap, laps))
        parts.append(f'<text class="tick" x="{x}" y="{_number(y + 16)}" text-anchor="middle">{lap}</text>')
    # Past the last tick's number (centred on the axis's end), inside the right margin.
    parts.append(f'<text class="axis-label" x="{WIDTH - RIGHT + 14}" y="{_number(y + 16)}">lap</text>')
    return parts


def lap_chart_svg(chart: ClassChart) -> str:
    cars = chart.series.cars
    laps = max((len(car.positions) for car in cars), default=0)
    height = TOP + max(len(cars), 1) * ROW_PX + BOTTOM
    y = lambda position: TOP + (position - 0.5) * ROW_PX  # noqa: E731
    xs, ys = _xs(laps), ["", *(_number(y(position)) for position in range(1, len(cars) + 1))]
    body = _x_axis(laps, height - BOTTOM)
    for index, car in enumerate(cars):
        number = escape(car.number)
        lines = [
            '<polyline points="' + " ".join(f"{xs[k]},{ys[p]}" for k, p in run) + '"/>' for run in _runs(car.positions)
        ]
        first = next((p for p in car.positions if p is not None), None)
        labels = []
        if first is not None:
            last_lap, last = max((k, p) for k, p in enumerate(car.positions, start=1) if p is not None)
            labels = [
                f'<text x="{LEFT - 6}" y="{_number(y(first) + 4)}" text-anchor="end">{number}</text>',
                f'<text x="{_number(_x(last_lap, laps) + 6)}" y="{_number(y(last) + 4)}">{number}</text>',
            ]
        body.append(f'<g class="car car-{index % CAR_COLOURS}" data-car="{number}">' + "".join(lines + labels) + "</g>")
    summary = f"Lap chart, {chart.name}: each car's position in class at the end of each of {laps} laps"
    return _svg("lap-chart", chart, height, body, summary)


def gap_chart_svg(chart: ClassChart) -> str:
    cars = chart.series.cars
    laps = max((len(car.gaps_ms) for car in cars), default=0)
    largest = max((gap for car in cars for gap in car.gaps_ms if gap is not None), default=0)
    top_ms = max(min(largest, GAP_CAP_MS), 1000)
    plot = GAP_HEIGHT - TOP - BOTTOM
    y = lambda ms: TOP + min(ms, top_ms) * plot / top_ms  # noqa: E731
    body = _x_axis(laps, GAP_HEIGHT - BOTTOM)
    step_s = next((step for step in (1, 2, 5, 10, 15, 30, 60) if top_ms / 1000 / step <= 6), 120)
    for seconds in range(0, int(top_ms / 1000) + 1, step_s):
        tick_y = _number(y(seconds * 1000))
        body.append(f'<line class="grid" x1="{LEFT}" y1="{tick_y}" x2="{WIDTH - RIGHT}" y2="{tick_y}"/>')
        body.append(f'<text class="tick" x="{LEFT - 6}" y="{tick_y}" text-anchor="end">+{seconds}s</text>')
    xs = _xs(laps)
    for index, car in enumerate(cars):
        lines = [
            '<polyline points="' + " ".join(f"{xs[k]},{_number(y(gap))}" for k, gap in run) + '"/>'
            for run in _runs(car.gaps_ms)
        ]
        body.append(
            f'<g class="car car-{index % CAR_COLOURS}" data-car="{escape(car.number)}">' + "".join(lines) + "</g>"
        )
    capped = " (gaps over 5 minutes drawn at the bottom)" if largest > GAP_CAP_MS else ""
    summary = f"Gap chart, {chart.name}: each car's gap to the class leader in seconds at each lap{capped}"
    return _svg("gap-chart", chart, GAP_HEIGHT, body, summary)
