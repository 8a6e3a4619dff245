"""A car's charts' data: its lap times by driver with pit and flag marks, its stints and each
driver's best lap, what the car's page draws."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from ninja import Router
from ninja.decorators import decorate_view

from .. import selectors
from ..addresses import SessionAddress
from ..web.caching import results_cached, results_condition, shared_caching
from . import schemas
from .params import CHAMPIONSHIP, ERRORS, NUMBER, ROUND, SESSION, YEAR

router = Router(tags=["charts"])


@router.get(
    "/{championship}/{year}/{round}/{session}/car/{number}/lap-times",
    response={200: schemas.CarLapTimesOut, **ERRORS},
    url_name="car_lap_times",
    summary="A car's lap times and stints",
)
@decorate_view(results_cached)
@decorate_view(results_condition)
def car_lap_times(
    request,
    championship: str = CHAMPIONSHIP,
    year: int = YEAR,
    round: str = ROUND,
    session: str = SESSION,
    number: str = NUMBER,
):
    """Every lap's time of the car with its driver, deletion, pit and flag marks; its stints
    (ended by an in-lap or a driver change) with their best valid lap; each driver's best
    valid lap: what the car's page draws."""
    found = selectors.session_get(SessionAddress(championship, year, round, session))
    entry = selectors.entry_get(session=found, number=number)
    series = selectors.entry_lap_series(session=found, entry=entry)
    names = {best.driver: best.name for best in series.drivers}
    data = {
        "number": series.number,
        "laps": [
            {
                "lap": lap.lap,
                "lap_time_ms": lap.lap_time_ms,
                "driver": names[lap.driver],
                "deleted": lap.deleted,
                "pit_in": lap.pit_in,
                "pit_out": lap.pit_out,
                "flag": lap.flag,
            }
            for lap in series.laps
        ],
        "stints": [
            {
                "driver": names[stint.driver],
                "first_lap": stint.first_lap,
                "last_lap": stint.last_lap,
                "laps": stint.laps,
                "best_lap_ms": stint.best_lap_ms,
                "best_lap": stint.best_lap,
            }
            for stint in series.stints
        ],
        "drivers": [
            {"name": best.name, "best_lap_ms": best.best_lap_ms, "best_lap": best.best_lap} for best in series.drivers
        ],
        "page_url": reverse("events:car_laps", kwargs={**found.address.url_kwargs(), "number": entry.number}),
    }
    return shared_caching(JsonResponse(data))
