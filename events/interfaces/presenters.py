"""Turn stored result rows into what readers see: the same values for HTML, JSON and CSV.

A row is shown from one of two perspectives: ``overall`` (gaps to the overall leader
and the car ahead overall) or ``class`` (gaps to the class leader and the car ahead in
the class).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from django.urls import reverse

from ..core.laptime import format_gap, format_lap_time, format_laps_behind
from ..enums import ResultStatus
from ..models import ResultRow

STATUS_LABELS = dict(ResultStatus.choices)
OVERALL = "overall"
CLASS = "class"


@dataclass(frozen=True, slots=True)
class Gaps:
    gap_to_leader_ms: int | None
    gap_to_leader_laps: int
    interval_ms: int | None
    interval_laps: int
    is_leader: bool


def gaps(row: ResultRow, perspective: str) -> Gaps:
    if perspective == CLASS:
        return Gaps(
            row.class_gap_to_leader_ms,
            row.class_gap_to_leader_laps,
            row.class_interval_ms,
            row.class_interval_laps,
            row.class_position == 1,
        )
    return Gaps(
        row.gap_to_leader_ms, row.gap_to_leader_laps, row.interval_ms, row.interval_laps, row.overall_position == 1
    )


def gap_text(ms: int | None, laps: int, *, is_leader: bool = False) -> str:
    """``+0.094``, ``1 Lap``, ``3 Laps``; empty for the leader and when there is nothing to compare."""
    if is_leader:
        return ""
    if laps:
        return format_laps_behind(laps)
    return format_gap(ms)


def driver_names(row: ResultRow) -> list[str]:
    return row.driver_names


def speed_kph(length_m: int | None, lap_ms: int | None) -> str:
    """Average speed of a lap, ``183.8``; empty without a lap or a circuit length."""
    if not length_m or not lap_ms:
        return ""
    return f"{length_m * 3600 / lap_ms:.1f}"


def row_to_dict(row: ResultRow, *, perspective: str) -> dict:
    """The JSON ROW of the API contract."""
    row_gaps = gaps(row, perspective)
    return {
        "overall_position": row.overall_position,
        "class_position": row.class_position,
        "number": row.entry.number,
        "class": row.entry.car_class.code,
        "group": row.entry.group,
        "team": row.entry.team.name,
        "car": row.entry.car,
        "drivers": driver_names(row),
        "status": row.status,
        "laps": row.laps,
        "best_lap_ms": row.best_lap_ms,
        "best_lap": format_lap_time(row.best_lap_ms),
        "best_lap_number": row.best_lap_number,
        "best_lap_driver": row.best_lap_driver,
        "total_time_ms": row.total_time_ms,
        "gap_to_leader_ms": row_gaps.gap_to_leader_ms,
        "gap_to_leader_laps": row_gaps.gap_to_leader_laps,
        "gap_to_leader": gap_text(row_gaps.gap_to_leader_ms, row_gaps.gap_to_leader_laps, is_leader=row_gaps.is_leader),
        "interval_ms": row_gaps.interval_ms,
        "interval_laps": row_gaps.interval_laps,
        "interval": gap_text(row_gaps.interval_ms, row_gaps.interval_laps, is_leader=row_gaps.is_leader),
    }


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # for CSV
    html: str  # escaped, for pages


def _plain(value) -> Cell:
    text = "" if value is None else str(value)
    return Cell(text, escape(text))


def _around_slug(view: str) -> tuple[str, str]:
    """The address of ``view``'s page before and after its slug (the last "slug" of the address
    reversed for the slug ``slug``), reversed once rather than once per name."""
    before, _slug, after = reverse(view, args=["slug"]).rpartition("slug")
    return before, after


@dataclass(frozen=True, slots=True)
class PeopleLinks:
    """Where a page's result rows link their drivers and teams: the drivers' slugs by id (from
    ``selectors.line_up_slugs``) and the addresses of their pages. Slugs are letters, digits
    and hyphens: they go into an address as they are."""

    driver_slugs: Mapping[int, str]
    driver_page: tuple[str, str]
    team_page: tuple[str, str]

    @classmethod
    def of(cls, driver_slugs: Mapping[int, str]) -> PeopleLinks:
        return cls(driver_slugs, _around_slug("events:driver"), _around_slug("events:team"))

    def driver_url(self, driver_id: int) -> str:
        """The driver's page; empty for a driver we cannot find (deleted since the row was computed)."""
        slug = self.driver_slugs.get(driver_id)
        return f"{self.driver_page[0]}{slug}{self.driver_page[1]}" if slug else ""

    def team_url(self, slug: str) -> str:
        return f"{self.team_page[0]}{slug}{self.team_page[1]}" if slug else ""


def _linked(url: str, html: str) -> str:
    return f'<a href="{escape(url)}">{html}</a>' if url else html


def _drivers_html(row: ResultRow, people: PeopleLinks | None) -> str:
    """The line-up, the driver of the best lap in bold; on a page each name links to the driver's page."""
    names = []
    for driver_id, first, last in row.line_up:
        name = f"{first} {last}".strip()
        span = f'<span class="{"lap-driver" if name == row.best_lap_driver else "driver"}">{escape(name)}</span>'
        names.append(_linked(people.driver_url(driver_id), span) if people else span)
    return ", ".join(names)


def result_cells(
    row: ResultRow,
    *,
    perspective: str,
    session_url: str = "",
    circuit_length_m=None,
    people: PeopleLinks | None = None,
) -> dict[str, Cell]:
    """Every column of a result row, as text and as HTML: the one place a row becomes cells.

    A page's cells link the car to its page (given the ``session_url``), the team and each
    driver to theirs (given ``people``). An embed's are plain text: inside a frame a link
    would replace the table. This runs for every cell of every results page, so it escapes
    with the standard library's ``html.escape`` (what Django's ``escape`` does, without its
    wrappers) and every value from the database goes through it.
    """
    entry = row.entry
    row_gaps = gaps(row, perspective)
    names = driver_names(row)
    best_lap = format_lap_time(row.best_lap_ms)
    fastest = row.has_fastest_lap or (perspective != OVERALL and row.has_class_fastest_lap)
    number = escape(entry.number)
    team = escape(entry.team.name)
    return {
        "overall_position": _plain(row.overall_position),
        "class_position": _plain(row.class_position),
        "number": Cell(
            entry.number, f'<a href="{escape(session_url)}car/{number}/">{number}</a>' if session_url else number
        ),
        "car_class": Cell(
            entry.car_class.code,
            f'<span class="class-chip cls-{int(entry.car_class_id)}">{escape(entry.car_class.code)}</span>',
        ),
        "team": Cell(entry.team.name, _linked(people.team_url(entry.team.slug), team) if people else team),
        "drivers": Cell(" / ".join(names), _drivers_html(row, people)),
        "car": _plain(entry.car),
        "laps": _plain(row.laps),
        "total_time": _plain(format_lap_time(row.total_time_ms)),
        "best_lap": Cell(
            best_lap,
            f'<span class="fastest" title="Fastest lap">{best_lap}</span>' if fastest and best_lap else best_lap,
        ),
        "gap": _plain(gap_text(row_gaps.gap_to_leader_ms, row_gaps.gap_to_leader_laps, is_leader=row_gaps.is_leader)),
        "interval": _plain(gap_text(row_gaps.interval_ms, row_gaps.interval_laps, is_leader=row_gaps.is_leader)),
        "speed": _plain(speed_kph(circuit_length_m, row.best_lap_ms)),
        "status": _plain(STATUS_LABELS.get(row.status, row.status)),
    }


def rows_by_class(rows: list[ResultRow]) -> list[tuple[object, list[ResultRow]]]:
    """Rows grouped by class in class display order; within a class, in overall order."""
    groups: dict[int, tuple[object, list[ResultRow]]] = {}
    for row in rows:
        car_class = row.entry.car_class
        groups.setdefault(car_class.pk, (car_class, []))[1].append(row)
    return sorted(groups.values(), key=lambda group: (group[0].display_order, group[0].code))


def grid_note(grid_row) -> str:
    """What explains a grid place: ``Hyperpole``, ``3-place grid penalty``, ``No time``."""
    notes = ["Hyperpole"] if grid_row.from_hyperpole else []
    if grid_row.grid_penalty_places:
        notes.append(f"{grid_row.grid_penalty_places}-place grid penalty")
    if grid_row.row.status == ResultStatus.NO_TIME:
        notes.append("No time")
    return ", ".join(notes)
