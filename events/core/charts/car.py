"""One car's laps as its charts read them: each lap's time, driver, pit and flag marks, the
car's stints and each driver's best lap.

- A lap is an in-lap when the car crossed the line in the pit lane; an out-lap when the
  car's previous lap (lap k-1) was an in-lap. Lap 1 is never an out-lap: a car that starts
  from the pit lane has no in-lap before it.
- A stint is a run of laps by one driver. It ends at an in-lap (its last lap) or before a
  lap driven by someone else (a driver change without a stop). A lap of an unknown
  driver ("") is driven by the unknown driver: a stint of their own.
- A best lap is the fastest time not deleted; of equal times, the earlier lap. A lap with
  no time counts in a stint's length, never as a best lap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .cautions import CAUTION_FLAGS
from .types import ChartLap


@dataclass(frozen=True, slots=True)
class CarLap:
    """One lap of the car: ``driver`` is the driver's key ("" when unknown)."""

    lap: int
    lap_time_ms: int | None
    driver: str
    deleted: bool
    pit_in: bool
    pit_out: bool
    flag: str

    @property
    def caution(self) -> bool:
        return self.flag in CAUTION_FLAGS

    @property
    def counts(self) -> bool:
        """Its time can be a best lap: there is one, and it is not deleted."""
        return self.lap_time_ms is not None and not self.deleted


@dataclass(frozen=True, slots=True)
class Stint:
    driver: str  # the driver's key
    first_lap: int
    last_lap: int
    laps: int  # the laps it holds (a lap missing from timing is not counted)
    best_lap_ms: int | None
    best_lap: int | None  # the lap number of best_lap_ms
    pit_in: bool  # it ends at an in-lap


@dataclass(frozen=True, slots=True)
class DriverBest:
    driver: str  # the driver's key
    name: str  # "" when unknown
    best_lap_ms: int | None
    best_lap: int | None


@dataclass(frozen=True, slots=True)
class CarLapSeries:
    number: str
    laps: tuple[CarLap, ...]  # in lap order
    stints: tuple[Stint, ...]  # in lap order
    drivers: tuple[DriverBest, ...]  # in order of their first lap

    def driver_index(self, driver: str) -> int:
        """The driver's place in ``drivers`` (what colours them)."""
        return next(index for index, best in enumerate(self.drivers) if best.driver == driver)

    def driver_name(self, driver: str) -> str:
        return self.drivers[self.driver_index(driver)].name


def car_lap_series(number: str, laps: Iterable[ChartLap]) -> CarLapSeries:
    """The lap times, stints and drivers' best laps of car ``number`` from its laps (any order)."""
    ordered = sorted(laps, key=lambda lap: lap.lap_number)
    in_laps = {lap.lap_number for lap in ordered if lap.pit_in}
    car_laps = tuple(
        CarLap(
            lap=lap.lap_number,
            lap_time_ms=lap.lap_time_ms,
            driver=lap.driver,
            deleted=lap.time_deleted,
            pit_in=lap.pit_in,
            pit_out=lap.lap_number - 1 in in_laps,
            flag=lap.flag,
        )
        for lap in ordered
    )
    names: dict[str, str] = {}
    for lap in ordered:
        names.setdefault(lap.driver, lap.driver_name)
    drivers = tuple(
        DriverBest(key, name, *_best([lap for lap in car_laps if lap.driver == key])) for key, name in names.items()
    )
    return CarLapSeries(number=number, laps=car_laps, stints=_stints(car_laps), drivers=drivers)


def _best(laps: list[CarLap]) -> tuple[int | None, int | None]:
    """(time, lap number) of the fastest time that counts, the earlier of equal ones; (None, None) if none."""
    timed = [(lap.lap_time_ms, lap.lap) for lap in laps if lap.counts]
    return min(timed) if timed else (None, None)


def _stints(laps: tuple[CarLap, ...]) -> tuple[Stint, ...]:
    runs: list[list[CarLap]] = []
    for lap in laps:
        previous = runs[-1][-1] if runs else None
        if previous is None or previous.pit_in or previous.driver != lap.driver:
            runs.append([])
        runs[-1].append(lap)
    return tuple(
        Stint(run[0].driver, run[0].lap, run[-1].lap, len(run), *_best(run), pit_in=run[-1].pit_in) for run in runs
    )
