"""A car page's charts as SVG, drawn on the server in the house way of ``interfaces.charts``
(no script, no ``style`` attribute, colours from the stylesheet's classes, a ``<title>``
summary), and the rows of the tables that say the same in text.

- ``lap_times_svg``: each lap's time (x the lap, y the time, slower up), a point a lap
  coloured by driver (``driver-0`` ... ``driver-5``, cycling, in order of the drivers' first
  lap); deleted times hollow, in-laps square, laps under a safety car, full course yellow
  or red flag shaded. The scale is set by the valid times: those slower than
  ``OUTLIER_RATIO`` times the fastest (safety car, pit stops) are drawn at the top edge,
  as the summary says.
- ``stint_timeline_svg``: a bar a stint along the laps, coloured by driver and labelled
  with the driver and the stint's length where it fits; a mark at each pit stop between
  stints; each bar's ``<title>`` gives its best lap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from ..core.charts import CarLap, CarLapSeries, Stint
from ..core.laptime import format_lap_time
from ..core.vocab import FlagAtLine
from .charts import BOTTOM, LEFT, RIGHT, TOP, WIDTH, ChartRange, chart_number, lap_axis, lap_ticks, svg_document

DRIVER_COLOURS = 6
OUTLIER_RATIO = 1.15  # times slower than this many times the fastest valid one are drawn at the top edge
PLOT_PX = 240  # the lap-time chart's plot height
LEGEND_ITEM_PX, LEGEND_PER_ROW, LEGEND_ROW_PX = 172, 5, 18
TICK_STEPS_S = (1, 2, 5, 10, 15, 30, 60, 120, 300)
BAR_TOP, BAR_PX = TOP + 6, 28  # the stint timeline's bars
CHAR_PX = 6.2  # a character's width at the charts' 11 px, roughly: what decides whether a label fits
UNKNOWN_DRIVER = "Unknown driver"


def driver_label(series: CarLapSeries, driver: str) -> str:
    return series.driver_name(driver) or UNKNOWN_DRIVER


def _laps_text(count: int) -> str:
    return f"{count} lap" if count == 1 else f"{count} laps"


def _lap_span(first: int, last: int) -> str:
    return f"lap {first}" if first == last else f"laps {first}–{last}"


def _tick_text(ms: int) -> str:
    """A whole second of the time axis as readers write it: ``1:31``."""
    return format_lap_time(ms).removesuffix(".000")


@dataclass(frozen=True)
class _Scale:
    low_ms: int  # at the plot's bottom edge
    high_ms: int  # at its top edge
    over: bool  # some times are slower than high_ms: drawn at the top edge


def _scale(laps: tuple[CarLap, ...]) -> _Scale | None:
    """Whole seconds around the valid times (all times if none is valid), the slow ones cut off."""
    timed = [lap.lap_time_ms for lap in laps if lap.lap_time_ms is not None]
    basis = [lap.lap_time_ms for lap in laps if lap.counts] or timed
    if not basis:
        return None
    fastest, slowest = min(basis), max(basis)
    low = (fastest // 1000 - 1) * 1000  # a second below the fastest: its point clear of the axis
    high = max(math.ceil(min(slowest, fastest * OUTLIER_RATIO) / 1000) * 1000, low + 1000)
    return _Scale(low, high, over=max(timed) > high)


def _legend(series: CarLapSeries) -> tuple[list[str], int]:
    """The drivers' colours, then what the marks mean (those the chart draws), five to a row; its rows."""
    items = [
        (f"driver driver-{index % DRIVER_COLOURS}", "circle", best.name or UNKNOWN_DRIVER)
        for index, best in enumerate(series.drivers)
    ]
    items += [
        ("key", mark, label)
        for mark, label, shown in (
            ("deleted", "Deleted time", any(lap.deleted for lap in series.laps)),
            ("pit", "In-lap", any(lap.pit_in for lap in series.laps)),
            ("caution", "SC, FCY or red flag", any(lap.caution for lap in series.laps)),
        )
        if shown
    ]
    parts = ['<g class="legend">']
    for place, (css, mark, label) in enumerate(items):
        row, column = divmod(place, LEGEND_PER_ROW)
        x, y = LEFT + column * LEGEND_ITEM_PX + 5, TOP + row * LEGEND_ROW_PX + 4
        shape = _mark(x, y, "" if mark == "circle" else mark, r=4)
        parts.append(f'<g class="{css}">{shape}<text x="{x + 10}" y="{y + 4}">{escape(label)}</text></g>')
    parts.append("</g>")
    return parts, math.ceil(len(items) / LEGEND_PER_ROW)


def _mark(x: float, y: float, css: str, *, r: float = 3, title: str = "") -> str:
    """A point at (x, y), its ``<title>`` inside: a square for an in-lap or a caution lap, else a circle."""
    attribute = f' class="{css}"' if css else ""
    if "pit" in css.split() or css == "caution":
        side = chart_number(2 * r + 1)
        shape = (
            "rect",
            f'x="{chart_number(x - r - 0.5)}" y="{chart_number(y - r - 0.5)}" width="{side}" height="{side}"',
        )
    else:
        shape = "circle", f'cx="{chart_number(x)}" cy="{chart_number(y)}" r="{chart_number(r)}"'
    tag, place = shape
    return f"<{tag}{attribute} {place}>{title}</{tag}>" if title else f"<{tag}{attribute} {place}/>"


def _caution_bands(series: CarLapSeries, shown: ChartRange, top: float) -> list[str]:
    """A shaded band over each run of laps under the same caution flag."""
    runs: list[list[CarLap]] = []
    for lap in series.laps:
        if not lap.caution:
            continue
        if runs and runs[-1][-1].lap == lap.lap - 1 and runs[-1][-1].flag == lap.flag:
            runs[-1].append(lap)
        else:
            runs.append([lap])
    half = (shown.x(2) - shown.x(1)) / 2
    parts = []
    for run in runs:
        left = max(shown.x(run[0].lap) - half, LEFT)
        right = min(shown.x(run[-1].lap) + half, WIDTH - RIGHT)
        span = _lap_span(run[0].lap, run[-1].lap).capitalize()
        parts.append(
            f'<rect class="caution caution-{run[0].flag.lower()}" x="{chart_number(left)}" y="{chart_number(top)}" '
            f'width="{chart_number(right - left)}" height="{PLOT_PX}">'
            f"<title>{span}: {escape(FlagAtLine(run[0].flag).label)}</title></rect>"
        )
    return parts


def _lap_point(series: CarLapSeries, lap: CarLap, x: float, y: float) -> str:
    notes = [format_lap_time(lap.lap_time_ms), driver_label(series, lap.driver)]
    notes += [
        note for note, marked in (("deleted", lap.deleted), ("in-lap", lap.pit_in), ("out-lap", lap.pit_out)) if marked
    ]
    if lap.caution:
        notes.append(FlagAtLine(lap.flag).label.lower())
    css = " ".join(name for name, marked in (("pit", lap.pit_in), ("deleted", lap.deleted)) if marked)
    return _mark(x, y, css, title=f"<title>Lap {lap.lap}: {escape(', '.join(notes))}</title>")


def lap_times_svg(series: CarLapSeries) -> str:
    """Each lap's time of the car, a point a lap coloured by driver (see the module's docstring)."""
    laps = max((lap.lap for lap in series.laps), default=0)
    shown = ChartRange(1, max(laps, 1))
    legend, rows = _legend(series)
    plot_top = TOP + rows * LEGEND_ROW_PX + 8
    plot_bottom = plot_top + PLOT_PX
    height = plot_bottom + BOTTOM
    scale = _scale(series.laps)
    if scale is None:
        summary = f"Lap times of car #{series.number}: no lap times"
        return svg_document("lap-times", series.number, height, [*legend, *lap_axis(shown, plot_bottom)], summary)
    span_ms = scale.high_ms - scale.low_ms

    def y(ms: int) -> float:
        return plot_bottom - (min(max(ms, scale.low_ms), scale.high_ms) - scale.low_ms) * PLOT_PX / span_ms

    body = [*legend, *_caution_bands(series, shown, plot_top)]
    step_ms = 1000 * next((step for step in TICK_STEPS_S if span_ms / 1000 / step <= 6), TICK_STEPS_S[-1])
    for tick_ms in range(math.ceil(scale.low_ms / step_ms) * step_ms, scale.high_ms + 1, step_ms):
        tick_y = chart_number(y(tick_ms))
        body.append(f'<line class="grid" x1="{LEFT}" y1="{tick_y}" x2="{WIDTH - RIGHT}" y2="{tick_y}"/>')
        body.append(f'<text class="tick" x="{LEFT - 6}" y="{tick_y}" text-anchor="end">{_tick_text(tick_ms)}</text>')
    body += lap_axis(shown, plot_bottom)
    for index, best in enumerate(series.drivers):
        points = [
            _lap_point(series, lap, shown.x(lap.lap), y(lap.lap_time_ms))
            for lap in series.laps
            if lap.driver == best.driver and lap.lap_time_ms is not None
        ]
        body.append(f'<g class="driver driver-{index % DRIVER_COLOURS}">' + "".join(points) + "</g>")
    capped = f"; times over {_tick_text(scale.high_ms)} (safety car, pit stops) drawn at the top edge"
    summary = (
        f"Lap times of car #{series.number} over {_laps_text(laps)}, a point a lap coloured by driver "
        f"({', '.join(driver_label(series, best.driver) for best in series.drivers)}); "
        f"deleted times hollow, in-laps square{capped if scale.over else ''}"
    )
    return svg_document("lap-times", series.number, height, body, summary)


def _stint_title(series: CarLapSeries, place: int, stint: Stint) -> str:
    best = (
        f"best lap {format_lap_time(stint.best_lap_ms)} on lap {stint.best_lap}"
        if stint.best_lap_ms is not None
        else "no valid lap time"
    )
    pit = ", ends in the pits" if stint.pit_in else ""
    return (
        f"Stint {place}: {driver_label(series, stint.driver)}, {_lap_span(stint.first_lap, stint.last_lap)} "
        f"({_laps_text(stint.laps)}), {best}{pit}"
    )


def _fitting(width: float, *labels: str) -> str:
    """The first label that fits in ``width`` px, or none."""
    return next((label for label in labels if len(label) * CHAR_PX + 8 <= width), "")


def stint_timeline_svg(series: CarLapSeries) -> str:
    """A bar a stint along the car's laps (see the module's docstring)."""
    laps = max((lap.lap for lap in series.laps), default=0)
    lap_px = (WIDTH - LEFT - RIGHT) / max(laps, 1)
    axis_y = BAR_TOP + BAR_PX + 8
    height = axis_y + BOTTOM
    body = [f'<line class="axis" x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}"/>']
    for lap in lap_ticks(laps) if laps else []:
        x = chart_number(LEFT + (lap - 0.5) * lap_px)
        body.append(f'<text class="tick" x="{x}" y="{axis_y + 16}" text-anchor="middle">{lap}</text>')
    body.append(f'<text class="axis-label" x="{WIDTH - RIGHT + 14}" y="{axis_y + 16}">lap</text>')
    for place, stint in enumerate(series.stints, start=1):
        left, width = LEFT + (stint.first_lap - 1) * lap_px, (stint.last_lap - stint.first_lap + 1) * lap_px
        name = driver_label(series, stint.driver)
        label = _fitting(width, f"{name} · {_laps_text(stint.laps)}", str(stint.laps))
        text = (
            f'<text x="{chart_number(left + width / 2)}" y="{BAR_TOP + 18}" text-anchor="middle">{escape(label)}</text>'
            if label
            else ""
        )
        body.append(
            f'<g class="stint driver-{series.driver_index(stint.driver) % DRIVER_COLOURS}">'
            f'<rect x="{chart_number(left)}" y="{BAR_TOP}" width="{chart_number(width)}" height="{BAR_PX}">'
            f"<title>{escape(_stint_title(series, place, stint))}</title></rect>{text}</g>"
        )
    stops = [stint.last_lap for stint in series.stints[:-1] if stint.pit_in]
    for lap in stops:
        x = chart_number(LEFT + lap * lap_px)
        body.append(
            f'<line class="pit-stop" x1="{x}" y1="{BAR_TOP - 5}" x2="{x}" y2="{BAR_TOP + BAR_PX + 5}">'
            f"<title>Pit stop after lap {lap}</title></line>"
        )
    stints = "; ".join(
        f"{driver_label(series, stint.driver)} {_lap_span(stint.first_lap, stint.last_lap)}" for stint in series.stints
    )
    pits = "1 pit stop" if len(stops) == 1 else f"{len(stops)} pit stops"
    summary = f"Stints of car #{series.number}: {stints or 'none'}; {pits} between them"
    return svg_document("stints", series.number, height, body, summary)


@dataclass(frozen=True)
class StintRow:
    """A stint as the car page's table says it."""

    place: int
    driver: str
    laps: str  # 1–32
    length: int
    best_lap: str  # 1:31.234, "" when none
    best_lap_number: int | None
    pit_in: bool


def stint_rows(series: CarLapSeries) -> list[StintRow]:
    return [
        StintRow(
            place=place,
            driver=driver_label(series, stint.driver),
            laps=f"{stint.first_lap}–{stint.last_lap}" if stint.last_lap > stint.first_lap else str(stint.first_lap),
            length=stint.laps,
            best_lap=format_lap_time(stint.best_lap_ms),
            best_lap_number=stint.best_lap,
            pit_in=stint.pit_in,
        )
        for place, stint in enumerate(series.stints, start=1)
    ]


def driver_best_rows(series: CarLapSeries) -> list[tuple[str, str, int | None]]:
    """(driver, best valid lap time, its lap number) for each driver of the car."""
    return [(best.name or UNKNOWN_DRIVER, format_lap_time(best.best_lap_ms), best.best_lap) for best in series.drivers]
