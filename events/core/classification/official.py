"""Official classifications (historical sessions we have no laps for) as classified rows."""

from __future__ import annotations

from collections.abc import Sequence

from ..numbers import number_sort_key
from ..vocab import PenaltyKind, ResultStatus
from .assembly import assemble
from .cars import Car, CarLaps, apply_overrides, class_table, unique_entries
from .race import race_gap
from .types import CarClassInfo, Classification, EntryInput, LapInput, OfficialRowInput, PenaltyInput, StatusOverride


def classify_official(
    *,
    kind: str,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    rows: list[OfficialRowInput],
    overrides: Sequence[StatusOverride] = (),
    penalties: Sequence[PenaltyInput] = (),
) -> Classification:
    """Rows as an official classification gives them, in its order, as classified rows.

    Only ``classified`` rows keep a position (renumbered 1..n in the file's order, per
    class too); gaps and intervals follow the race rules from laps and total times. The
    file already holds the decisions taken before it was published; those entered since
    apply on top: editors' statuses (``overrides``), disqualifications, and laps deducted
    (the car moves behind every car on more laps than it keeps; the file's order stays
    otherwise). Time penalties are in the file's times already.
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
    disqualified = [
        StatusOverride(entry_id=p.entry_id, status=ResultStatus.DISQUALIFIED, reason="Disqualified")
        for p in penalties
        if p.kind == PenaltyKind.DISQUALIFICATION
    ]
    apply_overrides(cars, [*disqualified, *overrides])  # an editor's status wins over a disqualification
    deducted: dict[int, int] = {}
    for penalty in penalties:
        if penalty.kind == PenaltyKind.LAPS:
            deducted[penalty.entry_id] = deducted.get(penalty.entry_id, 0) + (penalty.laps or 0)
    if deducted:
        for car in cars:
            car.deducted_laps = deducted.get(car.entry.entry_id, 0)
        cars.sort(key=lambda car: -car.counted_laps)  # stable: the file's order among equal laps
    return assemble(kind, cars, infos, race_gap)
