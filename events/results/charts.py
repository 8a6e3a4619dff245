"""What the race charts are drawn from: a session's laps read as the core's ``ChartLap``s
(one query, no model instances), and the core's series built from them. The lap chart
reads only what it needs, as plain tuples (a 24-hour race has 20,000 laps)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import charts
from ..core.charts.lapchart import lap_chart_of_crossings
from ..models import CarClass, Lap, Session


@dataclass(frozen=True)
class ClassChart:
    code: str
    name: str
    series: charts.ClassSeries


def session_chart_laps(session: Session) -> list[charts.ChartLap]:
    rows = (
        Lap.objects.filter(session=session)
        .order_by()
        .values_list(
            "entry__number",
            "entry__car_class__code",
            "lap_number",
            "elapsed_ms",
            "lap_time_ms",
            "is_time_deleted",
            "driver_id",
            "crossed_line_in_pit",
            "flag_at_line",
        )
    )
    return [
        charts.ChartLap(
            number=number,
            class_code=class_code,
            lap_number=lap_number,
            elapsed_ms=elapsed_ms,
            lap_time_ms=lap_time_ms,
            time_deleted=deleted,
            driver="" if driver_id is None else str(driver_id),
            pit_in=pit_in,
            flag=flag,
        )
        for number, class_code, lap_number, elapsed_ms, lap_time_ms, deleted, driver_id, pit_in, flag in rows
    ]


def session_lap_chart(session: Session) -> tuple[ClassChart, ...]:
    """Per class, in class order: each car's class position and gap to the class leader at every lap."""
    classes = list(
        CarClass.objects.filter(season_id=session.round.season_id).order_by("display_order").values_list("code", "name")
    )
    names = dict(classes)
    crossings = (
        Lap.objects.filter(session=session)
        .order_by()
        .values_list("entry__number", "entry__car_class__code", "lap_number", "elapsed_ms")
    )
    series = lap_chart_of_crossings(crossings, [code for code, _name in classes])
    return tuple(ClassChart(code=item.code, name=names.get(item.code, item.code), series=item) for item in series)
