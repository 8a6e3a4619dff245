"""Official classifications (historical sessions we have no laps for) as classified rows."""

from __future__ import annotations

from ..numbers import number_sort_key
from .assembly import assemble
from .cars import Car, CarLaps, class_table, unique_entries
from .race import race_gap
from .types import CarClassInfo, Classification, EntryInput, LapInput, OfficialRowInput


def classify_official(
    *, kind: str, classes: list[CarClassInfo], entries: list[EntryInput], rows: list[OfficialRowInput]
) -> Classification:
    """Rows as an official classification gives them, in its order, as classified rows.

    Only ``classified`` rows keep a position (renumbered 1..n in the file's order, per
    class too); gaps and intervals follow the race rules from laps and total times.
    """
    infos = class_table(classes, entries)
    entry_by_id = {entry.entry_id: entry for entry in unique_entries(entries)}
    cars: list[Car] = []
    for row in rows:
        entry = entry_by_id.get(row.entry_id)
        if entry is None:
            continue
        laps = CarLaps()
        laps.count = row.laps
        if row.fastest_lap_ms is not None:
            laps.best = LapInput(
                entry_id=row.entry_id, lap_number=row.fastest_lap_number or 0, lap_time_ms=row.fastest_lap_ms
            )
        cars.append(
            Car(
                entry=entry,
                laps=laps,
                status=row.status,
                number_key=number_sort_key(entry.number),
                total_time_ms=row.total_time_ms,
            )
        )
    return assemble(kind, cars, infos, race_gap)
