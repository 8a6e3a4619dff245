"""The lap chart and the gap chart of a race, per class.

At the end of lap k a car's class position is its place in the crossing order of the
class's cars that completed lap k (earlier elapsed time first; equal times in car number
order, 7 before 007 before 8). Its gap is its elapsed time at lap
k minus that of the class's first car to complete lap k, in ms: a car is compared at its
own lap count, so a lapped car's gap can exceed a lap. A lap with no elapsed time (a
timing gap) counts as not completed for the chart. Each car also carries its pit laps
(in-laps) and each class the laps under caution (``cautions``) and its first car's race
time at the end of every lap (what puts hours on a lap axis).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..numbers import number_sort_key
from .cautions import CAUTION_FLAGS, caution_laps, caution_periods_among
from .types import CarSeries, CautionPeriod, ChartLap, ClassSeries

# One line crossing as the lap chart reads it: (car number, class code, lap number, elapsed ms or None).
Crossing = tuple[str, str, int, int | None]


def lap_chart(laps: Iterable[ChartLap], class_order: Sequence[str] = ()) -> tuple[ClassSeries, ...]:
    """Every class's cars with their position and gap at the end of every lap.

    Classes come in ``class_order`` (codes), then any other in order of appearance; cars
    in the order of their class position at the end of their last lap (more laps first).
    """
    laps = list(laps)
    return lap_chart_of_crossings(
        ((lap.number, lap.class_code, lap.lap_number, lap.elapsed_ms) for lap in laps),
        class_order,
        pit_laps=[(lap.number, lap.lap_number) for lap in laps if lap.pit_in],
        caution_flags=[
            (lap.elapsed_ms, lap.flag) for lap in laps if lap.flag in CAUTION_FLAGS and lap.elapsed_ms is not None
        ],
    )


def lap_chart_of_crossings(
    laps: Iterable[Crossing],
    class_order: Sequence[str] = (),
    *,
    pit_laps: Iterable[tuple[str, int]] = (),
    caution_flags: Iterable[tuple[int, str]] = (),
) -> tuple[ClassSeries, ...]:
    """``lap_chart`` from plain crossings, ``(number, class code, lap number, elapsed ms)``, the
    pit laps, ``(number, lap number)``, and the crossings under a caution flag, ``(elapsed ms,
    flag)``: what a 24-hour race's 20,000 laps are read as, without a ``ChartLap`` each, nor
    a flag and a pit mark each (only a few hundred have one)."""
    # class code -> lap number -> [(elapsed, number's sort key, number)]; class code -> car number -> its last lap
    crossings: dict[str, dict[int, list[tuple[int, tuple, str]]]] = defaultdict(lambda: defaultdict(list))
    cars_of_class: dict[str, dict[str, int]] = {}
    sort_keys: dict[str, tuple] = {}
    in_pit: dict[str, list[int]] = defaultdict(list)
    for number, lap_number in pit_laps:
        in_pit[number].append(lap_number)
    everything: list[int] = []  # every crossing's race time: a green one between two under caution breaks a period
    for number, class_code, lap_number, elapsed_ms in laps:
        cars = cars_of_class.get(class_code)
        if cars is None:
            cars = cars_of_class[class_code] = {}
        last = cars.get(number)
        if last is None:
            last = cars[number] = 0
            sort_keys.setdefault(number, number_sort_key(number))
        if elapsed_ms is None:
            continue
        everything.append(elapsed_ms)
        crossings[class_code][lap_number].append((elapsed_ms, sort_keys[number], number))
        if lap_number > last:
            cars[number] = lap_number
    ordered = [code for code in class_order if code in cars_of_class]
    ordered += [code for code in cars_of_class if code not in ordered]
    cautions = list(caution_flags)
    periods = caution_periods_among(cautions, sorted(everything)) if cautions else ()
    return tuple(_class_series(code, cars_of_class[code], crossings[code], in_pit, periods) for code in ordered)


def _class_series(
    code: str,
    last_lap: dict[str, int],
    crossings: dict[int, list],
    pit_laps: dict[str, list[int]],
    periods: tuple[CautionPeriod, ...],
) -> ClassSeries:
    laps = max(crossings, default=0)
    positions = {number: [None] * laps for number in last_lap}
    gaps = {number: [None] * laps for number in last_lap}
    final: dict[str, tuple] = {}
    leader_elapsed: list[int | None] = [None] * laps
    for lap_number, crossed in crossings.items():
        crossed.sort()
        leader_ms = leader_elapsed[lap_number - 1] = crossed[0][0]
        for place, (elapsed, _key, number) in enumerate(crossed, start=1):
            positions[number][lap_number - 1] = place
            gaps[number][lap_number - 1] = elapsed - leader_ms
            if lap_number == last_lap[number]:
                final[number] = (-lap_number, elapsed)
    order = sorted(last_lap, key=lambda number: (final.get(number, (1, 0)), number_sort_key(number)))
    return ClassSeries(
        code=code,
        cars=tuple(
            CarSeries(number, tuple(positions[number]), tuple(gaps[number]), tuple(sorted(pit_laps.get(number, ()))))
            for number in order
        ),
        leader_elapsed_ms=tuple(leader_elapsed),
        cautions=caution_laps(leader_elapsed, periods),
    )


def gaps_to_car(series: ClassSeries, number: str) -> ClassSeries | None:
    """The class's gaps to one of its cars instead of to its leader, lap by lap (negative:
    ahead of it); None where either did not complete the lap. None if the car is not in it."""
    reference = next((car for car in series.cars if car.number == number), None)
    if reference is None:
        return None
    own = reference.gaps_ms
    cars = tuple(
        replace(
            car,
            gaps_ms=tuple(
                None if gap is None or k >= len(own) or own[k] is None else gap - own[k]
                for k, gap in enumerate(car.gaps_ms)
            ),
        )
        for car in series.cars
    )
    return replace(series, cars=cars)
