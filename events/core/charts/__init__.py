"""Race charts' series, pure: the lap chart and gaps per class (``lapchart``) with its caution
laps (``cautions``) and race time on the lap axis (``axis``), one car's lap times, stints and
drivers' best laps (``car``), from laps as ``ChartLap`` (``types``)."""

from .car import CarLap, CarLapSeries, DriverBest, Stint, car_lap_series
from .lapchart import lap_chart
from .types import CarSeries, CautionLaps, CautionPeriod, ChartLap, ClassSeries

__all__ = [
    "CarLap",
    "CarLapSeries",
    "CarSeries",
    "CautionLaps",
    "CautionPeriod",
    "ChartLap",
    "ClassSeries",
    "DriverBest",
    "Stint",
    "car_lap_series",
    "lap_chart",
]
