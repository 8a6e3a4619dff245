"""Inside the engine: one car while it is being classified, and one pass over the laps.

Shared by the qualifying, race and official rules; not for use outside this package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .types import CarClassInfo, EntryInput, LapInput, LapTotals, StatusOverride

UNKNOWN_CLASS_ORDER = 1_000_000

Gap = tuple[int | None, int]  # (ms, laps)
GapFunction = Callable[["Car", "Car"], Gap]


def cmp(a: Any, b: Any) -> int:
    """-1, 0 or 1, like the comparators ``functools.cmp_to_key`` wants."""
    return (a > b) - (a < b)


def class_key(info: CarClassInfo) -> tuple[int, str]:
    return (info.display_order, info.code)


def class_table(classes: Iterable[CarClassInfo], entries: Iterable[EntryInput]) -> dict[str, CarClassInfo]:
    """Every class code of the entries, those without a CarClassInfo made up to sort last."""
    table: dict[str, CarClassInfo] = {}
    for info in classes:
        table.setdefault(info.code, info)
    unknown_order = max(UNKNOWN_CLASS_ORDER, max((info.display_order for info in table.values()), default=0) + 1)
    for entry in entries:
        if entry.class_code not in table:
            code = entry.class_code
            table[code] = CarClassInfo(code=code, name=code, display_order=unknown_order)
    return table


def unique_entries(entries: Iterable[EntryInput]) -> list[EntryInput]:
    seen: dict[int, EntryInput] = {}
    for entry in entries:
        seen.setdefault(entry.entry_id, entry)
    return list(seen.values())


def lap_order(lap: LapInput) -> tuple[object, ...]:
    """A total order of one car's laps, used only to break exact ties deterministically."""
    return (
        lap.lap_number,
        lap.elapsed_ms is None,
        lap.elapsed_ms or 0,
        lap.lap_time_ms,
        lap.is_time_deleted,
        lap.driver_id is None,
        lap.driver_id or 0,
        lap.driver_name,
        lap.crossed_line_in_pit,
    )


def faster(lap: LapInput, best: LapInput | None) -> bool:
    """Whether ``lap`` beats ``best`` as a car's (or driver's) best: faster, or as fast and earlier."""
    if best is None or lap.lap_time_ms < best.lap_time_ms:
        return True
    return lap.lap_time_ms == best.lap_time_ms and lap_order(lap) < lap_order(best)


class CarLaps:
    """What one pass over the laps learns about one car."""

    __slots__ = ("count", "time_sum_ms", "last", "best", "driver_best")

    def __init__(self) -> None:
        self.count = 0
        self.time_sum_ms = 0
        self.last: LapInput | None = None  # highest lap number
        self.best: LapInput | None = None  # fastest lap whose time is not deleted
        self.driver_best: dict[int, LapInput] = {}  # per driver_id, only when asked for


def collect_laps(
    entries: list[EntryInput],
    laps: Iterable[LapInput],
    *,
    per_driver: bool,
    totals: Mapping[int, LapTotals] | None = None,
) -> dict[int, CarLaps]:
    """One pass over the laps; laps of unknown entries are ignored.

    With ``totals``, each car's count and time sum come from there, and ``laps`` need
    only be those that decide its last and best laps (see ``classify``).
    """
    cars = {entry.entry_id: CarLaps() for entry in entries}
    get = cars.get
    for lap in laps:
        car = get(lap.entry_id)
        if car is None:
            continue
        car.count += 1
        car.time_sum_ms += lap.lap_time_ms
        last = car.last
        if (
            last is None
            or lap.lap_number > last.lap_number
            or (lap.lap_number == last.lap_number and lap_order(lap) > lap_order(last))
        ):
            car.last = lap
        if lap.is_time_deleted:
            continue
        best = car.best
        if best is None or (lap.lap_time_ms <= best.lap_time_ms and faster(lap, best)):
            car.best = lap
        if per_driver and lap.driver_id is not None:
            driver_best = car.driver_best.get(lap.driver_id)
            if driver_best is None or (lap.lap_time_ms <= driver_best.lap_time_ms and faster(lap, driver_best)):
                car.driver_best[lap.driver_id] = lap
    if totals is not None:
        for entry_id, car in cars.items():
            car_totals = totals.get(entry_id)
            car.count, car.time_sum_ms = (car_totals.count, car_totals.time_sum_ms) if car_totals else (0, 0)
    return cars


def last_crossing(car_laps: CarLaps) -> int | None:
    """Elapsed time at the end of the car's last lap, or the sum of its lap times if unknown."""
    if car_laps.last is None:
        return None
    if car_laps.last.elapsed_ms is not None:
        return car_laps.last.elapsed_ms
    return car_laps.time_sum_ms


@dataclass(slots=True)
class Car:
    """One car while it is being classified."""

    entry: EntryInput
    laps: CarLaps
    status: str
    number_key: tuple[int, int, int, str]
    reason: str = ""
    overridden: bool = False
    # Qualifying: the group (0 timed / two drivers, 1 one driver, 2 no time), the value
    # ordered on within it, the time shown, and the tie-break of who set it first.
    group: int = 0
    value: object = 0
    qualifying_time_ms: int | None = None
    tie_elapsed_ms: int | None = None
    tie_lap_number: int = 0
    # Race.
    crossing_ms: int | None = None
    total_time_ms: int | None = None
    penalty_time_ms: int = 0
    deducted_laps: int = 0  # a penalty: classified with that many fewer laps (its laps stay as they were)

    @property
    def counted_laps(self) -> int:
        """The laps the classification counts: those driven, less any deducted by the stewards."""
        return max(self.laps.count - self.deducted_laps, 0)


def apply_overrides(cars: list[Car], overrides: Iterable[StatusOverride]) -> None:
    by_entry = {override.entry_id: override for override in overrides}  # the last one wins
    for car in cars:
        override = by_entry.get(car.entry.entry_id)
        if override is not None:
            car.status = override.status
            car.reason = override.reason
            car.overridden = True
