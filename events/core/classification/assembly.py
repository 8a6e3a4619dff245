"""Positions, gaps and intervals from cars in their computed order; the fastest laps."""

from __future__ import annotations

import functools

from ..vocab import UNPOSITIONED_STATUSES, SessionKind
from .cars import Car, Gap, GapFunction, class_key, cmp, lap_order
from .types import CarClassInfo, Classification, ClassifiedRow, FastestLap, LapInput


def row_of(
    car: Car,
    kind: str,
    overall_position: int | None,
    class_position: int | None,
    gaps: tuple[Gap, Gap, Gap, Gap],
) -> ClassifiedRow:
    """``gaps``: to the leader, to the car ahead, to the class leader, to the car ahead in the class."""
    entry, best = car.entry, car.laps.best
    (gap_ms, gap_laps), (interval_ms, interval_laps), (class_gap_ms, class_gap_laps), class_interval = gaps
    class_interval_ms, class_interval_laps = class_interval
    return ClassifiedRow(
        entry_id=entry.entry_id,
        number=entry.number,
        class_code=entry.class_code,
        group=entry.group,
        team=entry.team,
        car=entry.car,
        drivers=entry.drivers,
        status=car.status,
        status_reason=car.reason,
        overall_position=overall_position,
        class_position=class_position,
        laps=car.counted_laps,
        best_lap_ms=best.lap_time_ms if best else None,
        best_lap_number=best.lap_number if best else None,
        best_lap_driver=best.driver_name if best else "",
        qualifying_time_ms=None if kind == SessionKind.RACE else car.qualifying_time_ms,
        total_time_ms=car.total_time_ms,
        penalty_time_ms=car.penalty_time_ms,
        gap_to_leader_ms=gap_ms,
        gap_to_leader_laps=gap_laps,
        interval_ms=interval_ms,
        interval_laps=interval_laps,
        class_gap_to_leader_ms=class_gap_ms,
        class_gap_to_leader_laps=class_gap_laps,
        class_interval_ms=class_interval_ms,
        class_interval_laps=class_interval_laps,
    )


def assemble(kind: str, cars: list[Car], infos: dict[str, CarClassInfo], gap: GapFunction) -> Classification:
    """Positions and gaps from cars in their computed order; unpositioned cars go last."""
    positioned = [car for car in cars if car.status not in UNPOSITIONED_STATUSES]
    unpositioned = sorted(
        (car for car in cars if car.status in UNPOSITIONED_STATUSES),
        key=lambda car: UNPOSITIONED_STATUSES.index(car.status),  # stable: keeps the computed order
    )
    no_gap: Gap = (None, 0)
    rows: list[ClassifiedRow] = []
    class_leader: dict[str, Car] = {}
    class_ahead: dict[str, Car] = {}
    class_count: dict[str, int] = {}
    ahead: Car | None = None
    for position, car in enumerate(positioned, start=1):
        code = car.entry.class_code
        leader_of_class = class_leader.setdefault(code, car)
        ahead_in_class = class_ahead.get(code)
        gaps = (
            gap(car, positioned[0]),
            gap(car, ahead) if ahead is not None else no_gap,
            gap(car, leader_of_class),
            gap(car, ahead_in_class) if ahead_in_class is not None else no_gap,
        )
        class_count[code] = class_position = class_count.get(code, 0) + 1
        rows.append(row_of(car, kind, position, class_position, gaps))
        class_ahead[code] = car
        ahead = car
    for car in unpositioned:
        rows.append(row_of(car, kind, None, None, (no_gap,) * 4))

    fastest_lap, fastest_by_class = _fastest_laps(cars)
    codes = {row.class_code for row in rows}
    return Classification(
        kind=kind,
        rows=tuple(rows),
        classes=tuple(sorted((infos[code] for code in codes), key=class_key)),
        fastest_lap=fastest_lap,
        fastest_lap_by_class=fastest_by_class,
    )


def _compare_fastest(a: LapInput, b: LapInput, numbers: dict[int, tuple[int, int, int, str]]) -> int:
    """Faster first; on equal times the lap set first (elapsed, else lap number), then number."""
    result = cmp(a.lap_time_ms, b.lap_time_ms)
    if result:
        return result
    if a.elapsed_ms is not None and b.elapsed_ms is not None:
        result = cmp(a.elapsed_ms, b.elapsed_ms)
        if result:
            return result
    return cmp(
        (a.lap_number, numbers[a.entry_id], a.entry_id, lap_order(a)),
        (b.lap_number, numbers[b.entry_id], b.entry_id, lap_order(b)),
    )


def _fastest_laps(cars: list[Car]) -> tuple[FastestLap | None, dict[str, FastestLap]]:
    """The fastest valid lap of the session and of each class (from each car's best)."""
    entries = {car.entry.entry_id: car.entry for car in cars}
    numbers = {car.entry.entry_id: car.number_key for car in cars}
    bests = [car.laps.best for car in cars if car.laps.best is not None]
    bests.sort(key=lambda lap: (lap.lap_time_ms, lap.lap_number, numbers[lap.entry_id], lap.entry_id))
    bests.sort(key=functools.cmp_to_key(lambda a, b: _compare_fastest(a, b, numbers)))
    by_class: dict[str, FastestLap] = {}
    for lap in bests:
        entry = entries[lap.entry_id]
        if entry.class_code not in by_class:
            by_class[entry.class_code] = FastestLap(
                entry_id=entry.entry_id,
                number=entry.number,
                class_code=entry.class_code,
                lap_number=lap.lap_number,
                lap_time_ms=lap.lap_time_ms,
                driver_name=lap.driver_name,
            )
    overall = by_class[entries[bests[0].entry_id].class_code] if bests else None
    return overall, by_class
