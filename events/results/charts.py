"""What the race charts are drawn from: a session's laps read in three queries, only what each
chart needs, as plain tuples (a 24-hour race has 20,000 laps), and the core's series built
from them."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import charts
from ..core.charts.cautions import CAUTION_FLAGS
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
    laps = Lap.objects.filter(session=session).order_by()
    series = lap_chart_of_crossings(
        laps.values_list("entry__number", "entry__car_class__code", "lap_number", "elapsed_ms"),
        [code for code, _name, _pk in classes],
        # Apart: a few hundred laps of 20,000 have one, and reading a flag and a mark a lap costs a third more.
        pit_laps=laps.filter(crossed_line_in_pit=True).values_list("entry__number", "lap_number"),
        caution_flags=laps.filter(flag_at_line__in=CAUTION_FLAGS, elapsed_ms__isnull=False).values_list(
            "elapsed_ms", "flag_at_line"
        ),
    )
    charts = []
    for item in series:
        name, colour_class = names.get(item.code, (item.code, ""))
        charts.append(ClassChart(code=item.code, name=name, series=item, colour_class=colour_class))
    return tuple(charts)
