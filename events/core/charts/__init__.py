"""Race charts' series, pure: the lap chart and gaps per class (``lapchart``) with its caution
laps (``cautions``), from laps as ``ChartLap`` (``types``)."""

from .lapchart import lap_chart
from .types import CarSeries, CautionLaps, CautionPeriod, ChartLap, ClassSeries

__all__ = ["CarSeries", "CautionLaps", "CautionPeriod", "ChartLap", "ClassSeries", "lap_chart"]
