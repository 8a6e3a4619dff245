"""Practice, qualifying, Hyperpole and warm-up: rank by the best valid lap (or two drivers' average)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from ..numbers import number_sort_key
from ..vocab import QualifyingRule, ResultStatus
from .assembly import assemble
from .cars import (
    Car,
    CarLaps,
    Gap,
    apply_overrides,
    class_key,
    class_table,
    cmp,
    collect_laps,
    lap_order,
    unique_entries,
)
from .types import DEFAULT_RULES, CarClassInfo, Classification, EntryInput, LapInput, LapTotals, Rules, StatusOverride


def classify_qualifying(
    *,
    kind: str,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    laps: list[LapInput],
    rules: Rules = DEFAULT_RULES,
    overrides: list[StatusOverride] = (),
    lap_totals: Mapping[int, LapTotals] | None = None,
) -> Classification:
    """Practice, qualifying, Hyperpole and warm-up: rank by best valid lap.

    Equal times: the smaller ``elapsed_ms`` of the lap(s) that made the time (for an
    average, of the later of its two laps); when either car's is unknown, the smaller
    lap number; then the car number. Rows an override leaves unpositioned follow the
    positioned ones, grouped as in a race (not_classified, retired, disqualified,
    did_not_start), each group in the order the times would have given them.
    """
    average = rules.qualifying_rule == QualifyingRule.AVERAGE_TWO_DRIVERS
    infos = class_table(classes, entries)
    entries = unique_entries(entries)
    by_entry = collect_laps(entries, laps, per_driver=average, totals=lap_totals)
    cars = [_qualifying_car(entry, by_entry[entry.entry_id], infos, average) for entry in entries]
    apply_overrides(cars, overrides)
    # A total order first, so that the comparator's pairwise tie-break (which is not
    # transitive when some elapsed times are missing) always sees the same input.
    cars.sort(key=lambda car: (car.group, car.value, car.number_key, car.entry.entry_id))
    cars.sort(key=functools.cmp_to_key(_compare_qualifying))
    return assemble(kind, cars, infos, _qualifying_gap)


def _qualifying_car(entry: EntryInput, car_laps: CarLaps, infos: dict[str, CarClassInfo], average: bool) -> Car:
    if average:
        used = sorted(car_laps.driver_best.values(), key=lambda lap: (lap.lap_time_ms, lap_order(lap)))[:2]
    else:
        used = [car_laps.best] if car_laps.best is not None else []
    car = Car(entry=entry, laps=car_laps, status=ResultStatus.CLASSIFIED, number_key=number_sort_key(entry.number))
    if not used:
        car.status = ResultStatus.NO_TIME
        car.group = 2
        car.value = class_key(infos[entry.class_code])
        return car
    times = [lap.lap_time_ms for lap in used]
    if len(used) == 2:
        car.value = times[0] + times[1]  # order on the exact sum ...
        car.qualifying_time_ms = (times[0] + times[1] + 1) // 2  # ... show the average, rounded half up
    else:
        car.group = 1 if average else 0
        car.value = car.qualifying_time_ms = times[0]
    elapsed = [lap.elapsed_ms for lap in used if lap.elapsed_ms is not None]
    car.tie_elapsed_ms = max(elapsed) if len(elapsed) == len(used) else None  # when the last lap used was done
    car.tie_lap_number = max(lap.lap_number for lap in used)
    return car


def _compare_qualifying(a: Car, b: Car) -> int:
    """Group, time; on a tie whoever set it first (elapsed, else lap number); then number."""
    result = cmp((a.group, a.value), (b.group, b.value))
    if result:
        return result
    if a.tie_elapsed_ms is not None and b.tie_elapsed_ms is not None:
        result = cmp(a.tie_elapsed_ms, b.tie_elapsed_ms)
        if result:
            return result
    return cmp(
        (a.tie_lap_number, a.number_key, a.entry.entry_id),
        (b.tie_lap_number, b.number_key, b.entry.entry_id),
    )


def _qualifying_gap(car: Car, ahead: Car) -> Gap:
    """Gap in ms between two comparable times (not across the two-driver / one-driver groups)."""
    if (
        car.qualifying_time_ms is None
        or ahead.qualifying_time_ms is None
        or car.status == ResultStatus.NO_TIME
        or ahead.status == ResultStatus.NO_TIME
        or car.group != ahead.group
    ):
        return None, 0
    return car.qualifying_time_ms - ahead.qualifying_time_ms, 0
