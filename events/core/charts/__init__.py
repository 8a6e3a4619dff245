"""Race charts' series, pure: the lap chart and gaps per class (``lapchart``), from laps as
``ChartLap`` (``types``)."""

from .lapchart import lap_chart
from .types import CarSeries, ChartLap, ClassSeries

__all__ = ["CarSeries", "ChartLap", "ClassSeries", "lap_chart"]
