"""Race: more laps first, then the earlier crossing of the line; the flag, the threshold, penalties."""

from __future__ import annotations

from collections.abc import Mapping

from ..numbers import number_sort_key
from ..vocab import PenaltyKind, ResultStatus, SessionKind
from .assembly import assemble
from .cars import Car, Gap, apply_overrides, class_table, collect_laps, last_crossing, unique_entries
from .types import (
    DEFAULT_RULES,
    CarClassInfo,
    Classification,
    EntryInput,
    LapInput,
    LapTotals,
    PenaltyInput,
    Rules,
    StatusOverride,
)


def classify_race(
    *,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    laps: list[LapInput],
    penalties: list[PenaltyInput] = (),
    rules: Rules = DEFAULT_RULES,
    overrides: list[StatusOverride] = (),
    lap_totals: Mapping[int, LapTotals] | None = None,
) -> Classification:
    """Race: laps, then the crossing of the line at the finish.

    Drive-through penalties are served during the race and change nothing here; laps
    deducted count against the car's laps (it takes the flag as it did, then is
    classified behind cars on more laps than it keeps). The
    threshold's winner is the car with the most laps among those classified before the
    threshold is applied, so a disqualified or retired leader is not the reference.
    Cars with no laps have no ``total_time_ms``.
    """
    infos = class_table(classes, entries)
    entries = unique_entries(entries)
    by_entry = collect_laps(entries, laps, per_driver=False, totals=lap_totals)
    penalty_ms: dict[int, int] = {}
    deducted: dict[int, int] = {}
    disqualified: set[int] = set()
    for penalty in penalties:
        if penalty.kind == PenaltyKind.TIME:
            penalty_ms[penalty.entry_id] = penalty_ms.get(penalty.entry_id, 0) + (penalty.time_ms or 0)
        elif penalty.kind == PenaltyKind.LAPS:
            deducted[penalty.entry_id] = deducted.get(penalty.entry_id, 0) + (penalty.laps or 0)
        elif penalty.kind == PenaltyKind.DISQUALIFICATION:
            disqualified.add(penalty.entry_id)

    cars: list[Car] = []
    for entry in entries:
        car_laps = by_entry[entry.entry_id]
        penalty_time = penalty_ms.get(entry.entry_id, 0)
        crossing = last_crossing(car_laps)
        cars.append(
            Car(
                entry=entry,
                laps=car_laps,
                status=ResultStatus.CLASSIFIED,
                number_key=number_sort_key(entry.number),
                crossing_ms=crossing,
                total_time_ms=None if crossing is None else crossing + penalty_time,
                penalty_time_ms=penalty_time,
                deducted_laps=deducted.get(entry.entry_id, 0),
            )
        )

    # The chequered flag: the first car on the maximum lap count crosses the line.
    max_laps = max((car.laps.count for car in cars), default=0)
    flag_ms = min((car.crossing_ms for car in cars if max_laps and car.laps.count == max_laps), default=None)
    for car in cars:
        if car.laps.count == 0:
            car.status = ResultStatus.DID_NOT_START
        elif flag_ms is not None and car.crossing_ms < flag_ms:
            car.status = ResultStatus.RETIRED
        if car.entry.entry_id in disqualified:
            car.status = ResultStatus.DISQUALIFIED
    apply_overrides(cars, overrides)
    _apply_threshold(cars, rules)

    cars.sort(key=_race_key)
    return assemble(SessionKind.RACE, cars, infos, race_gap)


def _race_key(car: Car) -> tuple[object, ...]:
    total = car.total_time_ms
    return (-car.counted_laps, total is None, total or 0, car.number_key, car.entry.entry_id)


def race_gap(car: Car, ahead: Car) -> Gap:
    """Gap in time on the same lap, in laps otherwise."""
    if car.counted_laps != ahead.counted_laps:
        return None, ahead.counted_laps - car.counted_laps
    if car.total_time_ms is None or ahead.total_time_ms is None:
        return None, 0
    return car.total_time_ms - ahead.total_time_ms, 0


def _apply_threshold(cars: list[Car], rules: Rules) -> None:
    """Cars that took the flag with too few laps are not classified.

    The reference is the winner: the most laps among the cars that are ``classified``
    at this point (took the flag, not disqualified, or classified by an editor), overall
    or in the car's class. Cars whose status an editor decided are left alone.
    """
    reference: dict[str, int] = {}
    for car in cars:
        if car.status == ResultStatus.CLASSIFIED:
            key = car.entry.class_code if rules.threshold_of_class_winner else ""
            reference[key] = max(reference.get(key, 0), car.counted_laps)
    for car in cars:
        if car.status != ResultStatus.CLASSIFIED or car.overridden:
            continue
        winner_laps = reference[car.entry.class_code if rules.threshold_of_class_winner else ""]
        if car.counted_laps * 100 < rules.threshold_percent * winner_laps:
            car.status = ResultStatus.NOT_CLASSIFIED
