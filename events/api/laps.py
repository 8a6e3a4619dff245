"""A session's laps: paginated JSON, and the whole session (or one car) as streamed CSV."""

from __future__ import annotations

from ninja import Query, Router
from ninja.decorators import decorate_view

from .. import selectors
from ..addresses import SessionAddress
from ..core.laptime import format_lap_time
from ..interfaces import exporters
from ..models import Entry, Lap, Session
from ..web.caching import results_condition, shared_caching
from . import schemas
from .paging import page_document
from .params import CHAMPIONSHIP, CSV_RESPONSE, ERRORS, ROUND, SESSION, YEAR, CarQuery, LapQuery, csv_response

router = Router(tags=["results"])


def _lap_dict(lap: Lap) -> dict:
    return {
        "number": lap.entry.number,
        "class": lap.entry.car_class.code,
        "lap_number": lap.lap_number,
        "driver": lap.driver.full_name if lap.driver else "",
        "lap_time_ms": lap.lap_time_ms,
        "lap_time": format_lap_time(lap.lap_time_ms),
        "time_deleted": lap.is_time_deleted,
        "deletion_reason": lap.deletion_reason,
        "deletion_note": lap.deletion_note,
        "sector_1_ms": lap.sector_1_ms,
        "sector_2_ms": lap.sector_2_ms,
        "sector_3_ms": lap.sector_3_ms,
        "elapsed_ms": lap.elapsed_ms,
        "in_pit": lap.crossed_line_in_pit,
        "flag": lap.flag_at_line,
        "top_speed_kph": float(lap.top_speed_kph) if lap.top_speed_kph is not None else None,
    }


def _entry_or_none(session: Session, car: str | None) -> Entry | None:
    return selectors.entry_get(session=session, number=car) if car is not None else None


@router.get(
    "/{championship}/{year}/{round}/{session}/laps",
    response={200: schemas.LapPageOut, **ERRORS},
    url_name="laps",
    summary="Laps, paginated",
    by_alias=True,
)
@decorate_view(results_condition)
def laps(
    request,
    championship: str = CHAMPIONSHIP,
    year: int = YEAR,
    round: str = ROUND,
    session: str = SESSION,
    query: Query[LapQuery] = None,
):
    """The session's laps, a page at a time: by class order, car number, then lap number.

    `car` keeps one car's laps. Deleted lap times are included, marked `time_deleted`.
    """
    found = selectors.session_get(SessionAddress(championship, year, round, session))
    return page_document(
        request,
        selectors.session_laps(found, entry=_entry_or_none(found, query.car)),
        page=query.page,
        page_size=query.page_size,
        item=_lap_dict,
        missing=f"{found.path} has no page {{page}} of laps: {{count}} laps make {{pages}} page(s) of {{page_size}}.",
    )


@router.get(
    "/{championship}/{year}/{round}/{session}/laps.csv",
    response={200: None, **ERRORS},
    url_name="laps_csv",
    summary="Laps as CSV",
    openapi_extra=CSV_RESPONSE,
)
@decorate_view(results_condition)
def laps_csv(
    request,
    championship: str = CHAMPIONSHIP,
    year: int = YEAR,
    round: str = ROUND,
    session: str = SESSION,
    query: Query[CarQuery] = None,
):
    """Every lap (of one car with `car`) in the layout of official timing's analysis files, streamed.

    Each car's best valid lap is marked in LAP_IMPROVEMENT, and three columns of ours
    (TIME_DELETED;DELETION_KIND;DELETION_NOTE) keep deletions, so importing the export
    gives the session back.
    """
    found = selectors.session_get(SessionAddress(championship, year, round, session))
    entry = _entry_or_none(found, query.car)
    name = f"{found.path.replace('/', '-')}-laps" + (f"-{entry.number}" if entry else "")
    return shared_caching(csv_response(exporters.laps_csv(found, entry=entry), name, streaming=True))
