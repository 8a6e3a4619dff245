"""Results: a round's starting grid and a session's classification, as JSON and as CSV.

The classification is the same document the classification issue defined, built from
the same stored rows as the pages, the embeds and the CSV.
"""

from __future__ import annotations

from django.http import JsonResponse
from ninja import Router
from ninja.decorators import decorate_view

from .. import selectors
from ..addresses import SessionAddress
from ..core.classification import GridRow
from ..core.laptime import format_lap_time
from ..interfaces import exporters
from ..interfaces.presenters import CLASS, OVERALL, grid_note, row_to_dict, rows_by_class
from ..models import Entry, Session
from ..web.caching import results_cached, results_condition, shared_caching
from . import schemas
from .params import CHAMPIONSHIP, CSV_RESPONSE, ERRORS, ROUND, SESSION, YEAR, csv_response

router = Router(tags=["results"])


def _grid_dict(grid_row: GridRow, entry: Entry) -> dict:
    row = grid_row.row
    return {
        "grid_position": grid_row.grid_position,
        "class_grid_position": grid_row.class_grid_position,
        "number": entry.number,
        "class": entry.car_class.code,
        "group": entry.group,
        "team": entry.team.name,
        "car": entry.car,
        "drivers": [ed.driver.full_name for ed in entry.entry_drivers.all()],
        "qualifying_time_ms": row.qualifying_time_ms,
        "qualifying_time": format_lap_time(row.qualifying_time_ms),
        "from_hyperpole": grid_row.from_hyperpole,
        "grid_penalty_places": grid_row.grid_penalty_places,
        "status": row.status,
        "note": grid_note(grid_row),
    }


@router.get(
    "/{championship}/{year}/{round}/grid",
    response={200: list[schemas.GridPlaceOut], **ERRORS},
    url_name="grid",
    summary="Starting grid",
    by_alias=True,
)
def grid(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The starting grid from qualifying (and Hyperpole, from 2024), grouped by class in class order.

    Empty until the round has a qualifying session.
    """
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    return [_grid_dict(grid_row, entry) for grid_row, entry in selectors.starting_grid_entries(round_)]


@router.get(
    "/{championship}/{year}/{round}/grid.csv",
    response={200: None, **ERRORS},
    url_name="grid_csv",
    summary="Starting grid as CSV",
    openapi_extra=CSV_RESPONSE,
)
def grid_csv(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The starting grid as CSV: GRID;CLASS_GRID;NUMBER;CLASS;GROUP;TEAM;DRIVER_1..DRIVER_5;VEHICLE;TIME;NOTE."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    lines = exporters.grid_csv(selectors.starting_grid_entries(round_))
    return csv_response(lines, f"{championship}-{year}-{round}-grid")


@router.get(
    "/{championship}/{year}/{round}/{session}/classification",
    response={200: schemas.ClassificationOut, **ERRORS},
    url_name="classification",
    summary="Classification",
    by_alias=True,
)
@decorate_view(results_cached)
@decorate_view(results_condition)
def classification(
    request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND, session: str = SESSION
):
    """The session's classification: every car overall, then each class in class order.

    Cars without a position (not classified, retired, disqualified ...) follow the
    classified ones with `overall_position: null`. Gaps in `overall` are to the overall
    leader; in `classes`, to the class leader.
    """
    found = selectors.session_get(SessionAddress(championship, year, round, session))
    return shared_caching(_classification_json(found))


def _classification_json(session: Session) -> JsonResponse:
    rows = list(selectors.session_result_rows(session))
    data = {
        "session": {
            "path": session.path,
            "name": session.name,
            "kind": session.kind,
            "status": session.status,
            "updated_at": session.results_updated_at.isoformat() if session.results_updated_at else None,
        },
        "overall": [row_to_dict(row, perspective=OVERALL) for row in rows],
        "classes": [
            {
                "code": car_class.code,
                "name": car_class.name,
                "results": [row_to_dict(row, perspective=CLASS) for row in class_rows],
            }
            for car_class, class_rows in rows_by_class(rows)
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@router.get(
    "/{championship}/{year}/{round}/{session}/classification.csv",
    response={200: None, **ERRORS},
    url_name="classification_csv",
    summary="Classification as CSV",
    openapi_extra=CSV_RESPONSE,
)
@decorate_view(results_condition)
def classification_csv(
    request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND, session: str = SESSION
):
    """The classification in the layout of official timing's classification files."""
    found = selectors.session_get(SessionAddress(championship, year, round, session))
    rows = list(selectors.session_result_rows(found))
    lines = exporters.classification_csv(found, rows)
    return shared_caching(csv_response(lines, f"{found.path.replace('/', '-')}-classification"))
