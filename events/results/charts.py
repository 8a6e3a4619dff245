"""What the race charts are drawn from: a session's laps read in one query, only what each
chart needs, as plain tuples (a 24-hour race has 20,000 laps), and the core's series built
from them."""

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
    colour_class: str = ""  # the season's class colour as a stylesheet class (``cls-<id>``, classes.css)


def session_lap_chart(session: Session) -> tuple[ClassChart, ...]:
    """Per class, in class order: each car's class position and gap to the class leader at every lap."""
    classes = list(
        CarClass.objects.filter(season_id=session.round.season_id)
        .order_by("display_order")
        .values_list("code", "name", "pk")
    )
    names = {code: (name, f"cls-{pk}") for code, name, pk in classes}
    crossings = (
        Lap.objects.filter(session=session)
        .order_by()
        .values_list(
            "entry__number", "entry__car_class__code", "lap_number", "elapsed_ms", "crossed_line_in_pit", "flag_at_line"
        )
    )
    series = lap_chart_of_crossings(crossings, [code for code, _name, _pk in classes])
    charts = []
    for item in series:
        name, colour_class = names.get(item.code, (item.code, ""))
        charts.append(ClassChart(code=item.code, name=name, series=item, colour_class=colour_class))
    return tuple(charts)
