"""A standings table's points progression as SVG, drawn like the race charts (``charts``):
no script and no ``style`` attribute, lines coloured by the stylesheet's ``car-0`` ...
``car-11`` classes, each row's line in a ``<g class="car" data-car="ROW KEY">`` that
static/events/js/charts.js highlights on hover, a ``<title>`` summary.

x: the counted rounds, labelled with their keys; y: points, 0 at the bottom and the
leader's total at the top. One line for each of the first ``TOP_ROWS`` rows (the summary
says when rows are left out), the row's name at the line's end, the names moved apart
where lines end together (shared places).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from ..core.charts.progression import points_progression
from ..core.standings import StandingsTable, points_display
from ..results.standings import RoundInfo
from .charts import BOTTOM, CAR_COLOURS, LEFT, TOP, WIDTH, chart_number, svg_document

TOP_ROWS = 10
HEIGHT = 320
NAMES_PX = 180  # the right margin: the rows' names at the lines' ends
PLOT_RIGHT = WIDTH - NAMES_PX
NAME_CHARS = 26  # a longer name is cut at the line's end (the line's tooltip has it whole)
LABEL_PX = 13  # names closer than this are moved apart
KIND_NOUNS = {"drivers": "driver", "teams": "team", "manufacturers": "manufacturer"}


def _label_ys(ys: Sequence[float]) -> list[float]:
    """Each name's y: its line's end, moved down to ``LABEL_PX`` below the name above, then
    up where that pushed names under the plot (ties keep the table's order)."""
    order = sorted(range(len(ys)), key=ys.__getitem__)
    placed = list(ys)
    previous = float("-inf")
    for index in order:
        previous = placed[index] = max(ys[index], previous + LABEL_PX)
    floor = float(HEIGHT - BOTTOM)
    for index in reversed(order):
        placed[index] = min(placed[index], floor)
        floor = placed[index] - LABEL_PX
    return placed


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _axes(xs: Sequence[float], rounds: Sequence[RoundInfo], top: float, y: Callable[[float], float]) -> list[str]:
    """The round axis (each round's key under its x) and the points grid (0 at the bottom)."""
    axis_y = HEIGHT - BOTTOM
    parts = [f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{PLOT_RIGHT}" y2="{axis_y}"/>']
    step = next((step for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250) if top / step <= 6), 500)
    for points in range(step, int(top) + 1, step):
        tick_y = chart_number(y(points))
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{tick_y}" x2="{PLOT_RIGHT}" y2="{tick_y}"/>')
    for points in range(0, int(top) + 1, step):
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{chart_number(y(points) + 4)}" text-anchor="end">{points}</text>'
        )
    for x, round_ in zip(xs, rounds, strict=True):
        label = escape(round_.key)
        parts.append(f'<text class="tick" x="{chart_number(x)}" y="{axis_y + 16}" text-anchor="middle">{label}</text>')
    return parts


def standings_chart_svg(table: StandingsTable, rounds: Sequence[RoundInfo]) -> str:
    """The table's first ``TOP_ROWS`` rows' totals after each of ``rounds`` (the rounds its
    rows' cells are for); "" when it has no row or no round."""
    lines = points_progression(table, first=TOP_ROWS)
    if not lines or not rounds:
        return ""
    count = len(rounds)
    xs = [LEFT + k * (PLOT_RIGHT - LEFT) / max(count - 1, 1) for k in range(count)]
    totals = [[float(total) for total in line.totals] for line in lines]
    top = max(max(values[-1] for values in totals), 1.0)
    plot = HEIGHT - TOP - BOTTOM
    per_point = plot / top
    y = lambda points: TOP + plot - points * per_point  # noqa: E731
    body = _axes(xs, rounds, top, y)
    written_xs, label_x = [chart_number(x) for x in xs], chart_number(xs[-1] + 6)
    written_ys: dict[float, str] = {}  # totals repeat (drivers sharing a car): each written once
    label_ys = _label_ys([y(values[-1]) for values in totals])
    for index, (line, values, label_y) in enumerate(zip(lines, totals, label_ys, strict=True)):
        ys = [written_ys.get(value) or written_ys.setdefault(value, chart_number(y(value))) for value in values]
        points = " ".join(f"{x},{y_}" for x, y_ in zip(written_xs, ys, strict=True))
        mark = f'<circle cx="{written_xs[0]}" cy="{ys[0]}" r="3"/>' if count == 1 else ""  # one point: no line to see
        body.append(
            f'<g class="car car-{index % CAR_COLOURS}" data-car="{escape(line.key)}">'
            f"<title>{escape(line.name)}: {points_display(line.totals[-1])} points</title>"
            f'<polyline points="{points}"/>{mark}'
            f'<text x="{label_x}" y="{chart_number(label_y + 4)}">{escape(_short(line.name))}</text></g>'
        )
    after = "round 1" if count == 1 else f"each of {count} rounds"
    shown = f" (the first {len(lines)} of {len(table.rows)} shown)" if len(table.rows) > len(lines) else ""
    noun = KIND_NOUNS.get(table.kind, "row")
    summary = f"Points progression, {table.title}: each {noun}'s points total after {after}{shown}"
    return svg_document("points-chart", table.key, HEIGHT, body, summary)
