"""Race charts' series, pure: the lap chart and gaps per class (``lapchart``), one car's lap
times, stints and drivers' best laps (``car``), from laps as ``ChartLap`` (``types``)."""

from .car import CarLap, CarLapSeries, DriverBest, Stint, car_lap_series
from .lapchart import lap_chart
from .types import CarSeries, ChartLap, ClassSeries

__all__ = [
    "CarLap",
    "CarLapSeries",
    "CarSeries",
    "ChartLap",
    "ClassSeries",
    "DriverBest",
    "Stint",
    "car_lap_series",
    "lap_chart",
]
