"""Charts' data: a session's lap chart and gaps to the class leader, the series the charts page draws."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from ninja import Router
from ninja.decorators import decorate_view

from .. import selectors
from ..addresses import SessionAddress
from ..web.caching import results_cached, results_condition, shared_caching
from . import schemas
from .params import CHAMPIONSHIP, ERRORS, ROUND, SESSION, YEAR

router = Router(tags=["charts"])


@router.get(
    "/{championship}/{year}/{round}/{session}/lap-chart",
    response={200: schemas.LapChartOut, **ERRORS},
    url_name="lap_chart",
    summary="Lap chart and gaps",
)
@decorate_view(results_cached)
@decorate_view(results_condition)
def lap_chart(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND, session: str = SESSION):
    """Per class in class order, each car's class position at the end of every lap, its gap
    to the class leader at that lap in ms and its pit laps, the class's laps under caution
    and its leader's race time at every lap: what the session's charts page draws."""
    found = selectors.session_get(SessionAddress(championship, year, round, session))
    kwargs = found.address.url_kwargs()
    data = {
        "classes": [
            {
                "code": chart.code,
                "name": chart.name,
                "cars": [
                    {
                        "number": car.number,
                        "positions": list(car.positions),
                        "gaps_ms": list(car.gaps_ms),
                        "pit_laps": list(car.pit_laps),
                    }
                    for car in chart.series.cars
                ],
                "leader_elapsed_ms": list(chart.series.leader_elapsed_ms),
                "cautions": [
                    {"flag": run.flag, "first_lap": run.first_lap, "last_lap": run.last_lap}
                    for run in chart.series.cautions
                ],
            }
            for chart in selectors.session_lap_chart(found)
        ],
        "page_url": reverse("events:session_charts", kwargs=kwargs),
        "embed_url": reverse("events:charts_embed", kwargs=kwargs),
    }
    return shared_caching(JsonResponse(data))
