"""A session as CSV in the Al Kamel layouts, so newsrooms' tools read it as they read timing files.

* ``classification_csv``: the classification layout (POSITION;NUMBER;TEAM;DRIVER_1..5;...),
  from the same result rows as the pages and the JSON.
* ``entries_csv`` and ``grid_csv``: a round's entry list and starting grid, with the
  same names for the same columns (NUMBER, TEAM, DRIVER_1..5, VEHICLE ...).
* ``laps_csv``: the lap-by-lap analysis layout (with FLAG_AT_FL and S1..S3_SECONDS). It
  marks each car's best valid lap in LAP_IMPROVEMENT (3 for the session's best, 2 for a
  car's), as timing does, and adds three columns of ours at the end (TIME_DELETED,
  DELETION_KIND, DELETION_NOTE) so that importing the export gives the session back.

All are written by :mod:`events.interfaces.csvfile`: ``;``-separated UTF-8 with a byte-order
mark, CRLF and a trailing ``;``, fields quoted where needed, and free text (names, cars,
classes, notes) neutralised against formula injection while our times and gaps stay exact.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.classification import GridRow
from ..core.laptime import format_alkamel_time, format_lap_time
from ..models import Entry, EntryDriver, Lap, ResultRow, Session
from ..selectors import session_laps
from .csvfile import Column, csv_lines, text, value
from .presenters import grid_note, speed_kph

STATUS_TEXT = {
    "classified": "Classified",
    "not_classified": "Not classified",
    "retired": "Retired",
    "disqualified": "Disqualified",
    "did_not_start": "Did not start",
    "no_time": "No time",
}

DRIVERS = text("DRIVER_1", "DRIVER_2", "DRIVER_3", "DRIVER_4", "DRIVER_5")

# What each column holds: text from people or files (neutralised), or a value we format (exact).
CLASSIFICATION_COLUMNS = [
    *value("POSITION"), *text("NUMBER", "TEAM"), *DRIVERS, *text("VEHICLE", "TYRES", "CLASS", "GROUP", "DIVISION"),
    *value("STATUS", "LAPS", "TOTAL_TIME", "GAP_FIRST", "GAP_PREVIOUS", "FL_LAPNUM", "FL_TIME", "FL_KPH"),
]  # fmt: skip

ENTRIES_COLUMNS = [
    *text("NUMBER", "CLASS", "GROUP", "TEAM"), *DRIVERS, *text("VEHICLE", "MANUFACTURER", "TYRES"),
]  # fmt: skip

GRID_COLUMNS = [
    *value("GRID", "CLASS_GRID"), *text("NUMBER", "CLASS", "GROUP", "TEAM"), *DRIVERS, *text("VEHICLE"),
    *value("TIME", "NOTE"),  # the note is ours: "Hyperpole, 2-place grid penalty"
]  # fmt: skip

ANALYSIS_COLUMNS = [
    *text("NUMBER"), *value(" DRIVER_NUMBER", " LAP_NUMBER", " LAP_TIME", " LAP_IMPROVEMENT",
    " CROSSING_FINISH_LINE_IN_PIT", " S1", " S1_IMPROVEMENT", " S2", " S2_IMPROVEMENT", " S3", " S3_IMPROVEMENT",
    " KPH", " ELAPSED", " HOUR", "S1_LARGE", "S2_LARGE", "S3_LARGE", "TOP_SPEED"), *text("DRIVER_NAME"),
    *value("PIT_TIME"), *text("CLASS", "GROUP", "TEAM", "MANUFACTURER", "FLAG_AT_FL"),
    *value("S1_SECONDS", "S2_SECONDS", "S3_SECONDS", "TIME_DELETED", "DELETION_KIND"), *text("DELETION_NOTE"),
]  # fmt: skip


def _lines(columns: list[Column], rows) -> Iterator[str]:
    return csv_lines(columns, rows, trailing_delimiter=True)


def _alkamel_name(first: str, last: str) -> str:
    return f"{first} {last.upper()}".strip()


def _gap(ms: int | None, laps: int, is_leader: bool) -> str:
    if is_leader:
        return ""
    if laps:
        return f"{laps} Laps"  # sic: timing writes "1 Laps"
    return format_alkamel_time(ms)


def classification_csv(session: Session, rows: list[ResultRow]) -> Iterator[str]:
    """The session's result rows in the Al Kamel classification layout."""
    length = session.round.circuit.length_m if session.round.circuit else None

    def values():
        for row in rows:
            entry = row.entry
            drivers = _drivers_columns([_alkamel_name(first, last) for _, first, last in row.line_up])
            yield [
                row.overall_position, entry.number, entry.team.name, *drivers, entry.car, entry.tyres,
                entry.car_class.code, entry.group, "", STATUS_TEXT.get(row.status, row.status), row.laps,
                format_alkamel_time(row.total_time_ms),
                _gap(row.gap_to_leader_ms, row.gap_to_leader_laps, row.overall_position in (None, 1)),
                _gap(row.interval_ms, row.interval_laps, row.overall_position in (None, 1)),
                row.best_lap_number, format_alkamel_time(row.best_lap_ms), speed_kph(length, row.best_lap_ms),
            ]  # fmt: skip

    return _lines(CLASSIFICATION_COLUMNS, values())


def _drivers_columns(names: list[str]) -> list[str]:
    return (names + [""] * 5)[:5]


def entries_csv(entries: list[Entry]) -> Iterator[str]:
    """A round's entry list, one car a line."""

    def values():
        for entry in entries:
            names = [_alkamel_name(ed.driver.first_name, ed.driver.last_name) for ed in entry.entry_drivers.all()]
            yield [
                entry.number, entry.car_class.code, entry.group, entry.team.name, *_drivers_columns(names),
                entry.car, entry.manufacturer, entry.tyres,
            ]  # fmt: skip

    return _lines(ENTRIES_COLUMNS, values())


def grid_csv(places: list[tuple[GridRow, Entry]]) -> Iterator[str]:
    """A round's starting grid, in grid order."""

    def values():
        for grid_row, entry in places:
            names = [_alkamel_name(ed.driver.first_name, ed.driver.last_name) for ed in entry.entry_drivers.all()]
            yield [
                grid_row.grid_position, grid_row.class_grid_position, entry.number, entry.car_class.code,
                entry.group, entry.team.name, *_drivers_columns(names), entry.car,
                format_alkamel_time(grid_row.row.qualifying_time_ms), grid_note(grid_row),
            ]  # fmt: skip

    return _lines(GRID_COLUMNS, values())


def laps_csv(session: Session, *, entry: Entry | None = None) -> Iterator[str]:
    """Every lap of the session (or of one car) in the Al Kamel analysis layout (streamed)."""
    length = session.round.circuit.length_m if session.round.circuit else None
    order = {
        (entry_id, driver_id): position
        for entry_id, driver_id, position in EntryDriver.objects.filter(entry__round=session.round).values_list(
            "entry_id", "driver_id", "order"
        )
    }
    laps = session_laps(session, entry=entry).select_related("entry__team")
    best_by_entry: dict[int, tuple[int, int | None, int]] = {}
    # every car's best, even for one car's laps: a 3 marks the session's best
    for entry_id, lap_time_ms, elapsed_ms, lap_number in Lap.objects.filter(
        session=session, is_time_deleted=False
    ).values_list("entry_id", "lap_time_ms", "elapsed_ms", "lap_number"):
        key = (lap_time_ms, elapsed_ms if elapsed_ms is not None else 0, lap_number)
        if entry_id not in best_by_entry or key < best_by_entry[entry_id]:
            best_by_entry[entry_id] = key
    session_best = min(best_by_entry.items(), key=lambda item: item[1], default=(None, None))[0]

    def values():
        for lap in laps.iterator(chunk_size=2000):
            car = lap.entry
            best = best_by_entry.get(car.pk)
            marker = 0
            if not lap.is_time_deleted and best is not None and best[2] == lap.lap_number:
                marker = 3 if car.pk == session_best else 2
            sectors = (lap.sector_1_ms, lap.sector_2_ms, lap.sector_3_ms)
            yield [
                car.number, order.get((car.pk, lap.driver_id), ""), lap.lap_number,
                format_lap_time(lap.lap_time_ms), marker, "B" if lap.crossed_line_in_pit else "",
                format_lap_time(sectors[0]), 0, format_lap_time(sectors[1]), 0, format_lap_time(sectors[2]), 0,
                speed_kph(length, lap.lap_time_ms), format_lap_time(lap.elapsed_ms),
                lap.time_of_day.strftime("%H:%M:%S.") + f"{lap.time_of_day.microsecond // 1000:03d}"
                if lap.time_of_day else "",
                *(f"0:{format_lap_time(ms)}" if ms and ms < 60000 else format_lap_time(ms) for ms in sectors),
                lap.top_speed_kph if lap.top_speed_kph is not None else "",
                _alkamel_name(lap.driver.first_name, lap.driver.last_name) if lap.driver else "",
                format_lap_time(lap.pit_time_ms), car.car_class.code, car.group, car.team.name,
                car.manufacturer, lap.flag_at_line,
                *(f"{ms / 1000:.3f}" if ms else "" for ms in sectors),
                "1" if lap.is_time_deleted else "", lap.deletion_reason, lap.deletion_note,
            ]  # fmt: skip

    return _lines(ANALYSIS_COLUMNS, values())
