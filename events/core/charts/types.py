"""What the race charts are drawn from and what they give: plain dataclasses, no Django.

``ChartLap`` is one stored lap as the charts read it; the series (lap chart, gaps, per-car
lap times and stints) are built from them by the modules beside this one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChartLap:
    number: str  # car number as written on the car
    class_code: str
    lap_number: int  # 1, 2, ...
    elapsed_ms: int | None  # race time when the car crossed the line at the end of this lap
    lap_time_ms: int | None = None
    time_deleted: bool = False  # its time struck (track limits...): still a lap completed
    driver: str = ""  # the driver's key (e.g. database id as text), "" when unknown
    driver_name: str = ""
    pit_in: bool = False  # crossed the line in the pit lane (an in-lap)
    flag: str = ""  # flag at the line: GF, SF, FCY, FF, RF, "" when unknown


@dataclass(frozen=True, slots=True)
class CarSeries:
    """One car's place in its class at the end of each lap (index k-1 for lap k) and its gap
    to the class leader at that lap in ms; None where the car did not complete lap k."""

    number: str
    positions: tuple[int | None, ...]
    gaps_ms: tuple[int | None, ...]
    pit_laps: tuple[int, ...] = ()  # the laps it ended in the pit lane (in-laps), in order


@dataclass(frozen=True, slots=True)
class CautionPeriod:
    """An unbroken run of crossings of the line under one caution flag (FCY, SF, RF), all cars
    together: the first and the last such crossing's race time."""

    flag: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class CautionLaps:
    """A run of a class's laps under one caution flag, first and last lap included."""

    flag: str
    first_lap: int
    last_lap: int


@dataclass(frozen=True, slots=True)
class ClassSeries:
    code: str
    cars: tuple[CarSeries, ...]  # in order of their class position at the end of their last lap
    # The class's first car's race time at the end of each lap (index k-1 for lap k): the laps' hours.
    leader_elapsed_ms: tuple[int | None, ...] = ()
    cautions: tuple[CautionLaps, ...] = ()
