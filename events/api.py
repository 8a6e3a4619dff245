"""The public JSON API, version 1, with CSV beside JSON wherever the answer is a table.

Built with django-ninja, which publishes the OpenAPI 3 schema at ``/api/v1/openapi.json``
and a docs page at ``/api/v1/docs`` (Swagger UI, served from our own static files so it
works offline). Every answer is public data: GET responses carry
``Access-Control-Allow-Origin: *`` and may be kept by shared caches; those about one
session are validated by its results version (``ETag``, ``Last-Modified``, ``304``).

The classification is the same document the classification issue defined, built from
the same stored rows as the pages, the embeds and the CSV.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja import Path as PathParam
from ninja.decorators import decorate_view
from ninja.openapi.docs import Swagger
from pydantic import Field

from . import schemas, selectors
from .addresses import SessionAddress
from .core.laptime import format_lap_time
from .errors import NotFound
from .interfaces import exporters
from .interfaces.presenters import CLASS, OVERALL, grid_note, row_to_dict, rows_by_class
from .models import Championship, Round, Season, Session
from .web.caching import results_cached, results_condition, shared_caching

DESCRIPTION = """
Results of endurance races: championships, seasons, rounds, sessions, entry lists,
classifications, laps and starting grids.

* Times are integer milliseconds (`*_ms`), with the text readers see beside them
  (`1:30.364`, gaps `+0.094`, `1 Lap`).
* A lap whose time was deleted (track limits ...) keeps its row with `time_deleted: true`;
  its time counts for nothing.
* Tables are also offered as CSV (`;`-separated UTF-8 with a byte-order mark, as
  official timing files are).
* Answers may be cached for 60 s (300 s by shared caches); answers about a session carry
  an `ETag` that changes as soon as an editor changes its results.
"""

api = NinjaAPI(
    title="wecresults API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api",
    # Swagger UI from django-ninja's own static files: no CDN, so the docs work offline
    # and under the site's strict content security policy.
    docs=Swagger(settings={"defaultModelsExpandDepth": 0, "tryItOutEnabled": True}),
)


class CarQuery(Schema):
    car: str | None = Field(
        None,
        description="Only this car's laps, by its number.",
        pattern=r"^[0-9A-Za-z]{1,4}$",
        json_schema_extra={"example": "36"},
    )


class LapQuery(CarQuery):
    page: int = Field(1, ge=1, description="1 for the first page.")
    page_size: int = Field(100, ge=1, le=1000, description="Laps per page, at most 1,000.")


SLUG = r"^[-a-zA-Z0-9_]+$"
CHAMPIONSHIP = PathParam(..., description="The championship's slug.", pattern=SLUG, example="wec")
YEAR = PathParam(..., description="The season's year.", ge=1900, le=2200, example=2021)
ROUND = PathParam(..., description="The round's slug.", pattern=SLUG, example="portimao")
SESSION = PathParam(..., description="The session's slug.", pattern=SLUG, example="qualifying")
CSV = {"text/csv": {"schema": {"type": "string"}}}
CSV_RESPONSE = {"responses": {200: {"description": "CSV", "content": CSV}}}
ERRORS = {404: schemas.Error, 422: schemas.InvalidRequest}


@api.exception_handler(NotFound)
def not_found(request, error):
    return api.create_response(request, {"detail": str(error)}, status=404)


def _url(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


def _session(championship: str, year: int, round_slug: str, session_slug: str) -> Session:
    return selectors.session_get(SessionAddress(championship, year, round_slug, session_slug))


def _season_ref(season: Season) -> dict:
    return {"year": season.year, "url": _url("rounds", season.championship.slug, season.year)}


@api.get(
    "/championships",
    response=list[schemas.Championship],
    url_name="championships",
    summary="Championships and their seasons",
    tags=["calendar"],
)
def championships(request):
    """Every championship with its seasons, newest first."""
    seasons: dict[int, list[Season]] = {}
    for season in Season.objects.select_related("championship").order_by("-year"):
        seasons.setdefault(season.championship_id, []).append(season)
    return [
        {
            "slug": championship.slug,
            "name": championship.name,
            "short_name": championship.short_name,
            "seasons": [_season_ref(season) for season in seasons.get(championship.pk, [])],
        }
        for championship in Championship.objects.order_by("name")
    ]


@api.get(
    "/{championship}/seasons",
    response={200: list[schemas.Season], **ERRORS},
    url_name="seasons",
    summary="A championship's seasons",
    tags=["calendar"],
)
def seasons(request, championship: str = CHAMPIONSHIP):
    """A championship's seasons, newest first, each with its classes in class order."""
    found = Championship.objects.filter(slug=championship).first()
    if found is None:
        raise NotFound(f"No championship {championship}.")
    return [
        {
            **_season_ref(season),
            "qualifying_rule": season.qualifying_rule,
            "classes": [
                {"code": c.code, "name": c.name, "display_order": c.display_order, "colour": c.colour}
                for c in season.car_classes.all()
            ],
        }
        for season in found.seasons.select_related("championship").prefetch_related("car_classes").order_by("-year")
    ]


def _round_dict(round_: Round) -> dict:
    circuit = round_.circuit
    season = round_.season
    return {
        "order": round_.order,
        "slug": round_.slug,
        "name": round_.name,
        "circuit": {"name": circuit.name, "country": circuit.country, "length_m": circuit.length_m}
        if circuit
        else None,
        "start_date": round_.start_date,
        "end_date": round_.end_date,
        "url": _url("sessions", season.championship.slug, season.year, round_.slug),
    }


@api.get(
    "/{championship}/{year}/rounds",
    response={200: list[schemas.Round], **ERRORS},
    url_name="rounds",
    summary="A season's rounds",
    tags=["calendar"],
)
def rounds(request, championship: str = CHAMPIONSHIP, year: int = YEAR):
    """A season's rounds in calendar order."""
    season = selectors.season_get(championship=championship, year=year)
    return [_round_dict(r) for r in season.rounds.select_related("season__championship", "circuit").order_by("order")]


@api.get(
    "/{championship}/{year}/{round}/sessions",
    response={200: list[schemas.SessionSummary], **ERRORS},
    url_name="sessions",
    summary="A round's sessions",
    tags=["calendar"],
)
def sessions(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """A round's sessions in the order they ran, with where to find their results."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    result = []
    season = round_.season
    for session in round_.sessions.order_by("start", "pk"):
        args = (season.championship.slug, season.year, round_.slug, session.slug)
        result.append(
            {
                "slug": session.slug,
                "path": "/".join(map(str, args)),
                "name": session.name,
                "kind": session.kind,
                "status": session.status,
                "start": session.start,
                "updated_at": session.results_updated_at,
                "links": {
                    "page": reverse("events:session", args=args),
                    "classification": _url("classification", *args),
                    "classification_csv": _url("classification_csv", *args),
                    "laps": _url("laps", *args),
                    "laps_csv": _url("laps_csv", *args),
                    "embed": reverse("events:embed", args=args),
                },
            }
        )
    return result


def _entry_dict(entry) -> dict:
    return {
        "number": entry.number,
        "class": entry.car_class.code,
        "group": entry.group,
        "team": entry.team.name,
        "car": entry.car,
        "manufacturer": entry.manufacturer,
        "tyres": entry.tyres,
        "drivers": [
            {
                "id": ed.driver.pk,
                "first_name": ed.driver.first_name,
                "last_name": ed.driver.last_name,
                "name": ed.driver.full_name,
                "nationality": ed.driver.nationality,
                "fia_category": ed.driver.fia_category,
            }
            for ed in entry.entry_drivers.all()
        ],
    }


@api.get(
    "/{championship}/{year}/{round}/entries",
    response={200: list[schemas.Entry], **ERRORS},
    url_name="entries",
    summary="Entry list",
    tags=["entries"],
    by_alias=True,
)
def entries(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The round's entry list, by class order and car number, each car with its drivers in order."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    return [_entry_dict(entry) for entry in selectors.round_entries(round_)]


@api.get(
    "/{championship}/{year}/{round}/entries.csv",
    response={200: None, **ERRORS},
    url_name="entries_csv",
    summary="Entry list as CSV",
    tags=["entries"],
    openapi_extra=CSV_RESPONSE,
)
def entries_csv(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The entry list as CSV: NUMBER;CLASS;GROUP;TEAM;DRIVER_1..DRIVER_5;VEHICLE;MANUFACTURER;TYRES."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    lines = exporters.entries_csv(selectors.round_entries(round_))
    return _csv_response(lines, f"{championship}-{year}-{round}-entries")


def _grid_dict(grid_row, entry) -> dict:
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


@api.get(
    "/{championship}/{year}/{round}/grid",
    response={200: list[schemas.GridPlace], **ERRORS},
    url_name="grid",
    summary="Starting grid",
    tags=["results"],
    by_alias=True,
)
def grid(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The starting grid from qualifying (and Hyperpole, from 2024), grouped by class in class order.

    Empty until the round has a qualifying session.
    """
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    return [_grid_dict(grid_row, entry) for grid_row, entry in selectors.starting_grid_entries(round_)]


@api.get(
    "/{championship}/{year}/{round}/grid.csv",
    response={200: None, **ERRORS},
    url_name="grid_csv",
    summary="Starting grid as CSV",
    tags=["results"],
    openapi_extra=CSV_RESPONSE,
)
def grid_csv(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """The starting grid as CSV: GRID;CLASS_GRID;NUMBER;CLASS;GROUP;TEAM;DRIVER_1..DRIVER_5;VEHICLE;TIME;NOTE."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    lines = exporters.grid_csv(selectors.starting_grid_entries(round_))
    return _csv_response(lines, f"{championship}-{year}-{round}-grid")


@api.get(
    "/{championship}/{year}/{round}/{session}/classification",
    response={200: schemas.Classification, **ERRORS},
    url_name="classification",
    summary="Classification",
    tags=["results"],
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
    return shared_caching(_classification_json(_session(championship, year, round, session)))


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


@api.get(
    "/{championship}/{year}/{round}/{session}/classification.csv",
    response={200: None, **ERRORS},
    url_name="classification_csv",
    summary="Classification as CSV",
    tags=["results"],
    openapi_extra=CSV_RESPONSE,
)
@decorate_view(results_condition)
def classification_csv(
    request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND, session: str = SESSION
):
    """The classification in the layout of official timing's classification files."""
    found = _session(championship, year, round, session)
    rows = list(selectors.session_result_rows(found))
    lines = exporters.classification_csv(found, rows)
    return shared_caching(_csv_response(lines, f"{found.path.replace('/', '-')}-classification"))


def _lap_dict(lap) -> dict:
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


def _entry_or_none(session: Session, car: str | None):
    return selectors.entry_get(session=session, number=car) if car is not None else None


@api.get(
    "/{championship}/{year}/{round}/{session}/laps",
    response={200: schemas.LapPage, **ERRORS},
    url_name="laps",
    summary="Laps, paginated",
    tags=["results"],
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
    found = _session(championship, year, round, session)
    paginator = Paginator(selectors.session_laps(found, entry=_entry_or_none(found, query.car)), query.page_size)
    try:
        page = paginator.page(query.page)
    except EmptyPage:
        raise NotFound(
            f"{found.path} has no page {query.page} of laps: {paginator.count} laps make "
            f"{paginator.num_pages} page(s) of {query.page_size}."
        ) from None

    def page_url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return f"{request.path}?{params.urlencode()}"

    return {
        "count": paginator.count,
        "page": page.number,
        "page_size": query.page_size,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
        "items": [_lap_dict(lap) for lap in page.object_list],
    }


@api.get(
    "/{championship}/{year}/{round}/{session}/laps.csv",
    response={200: None, **ERRORS},
    url_name="laps_csv",
    summary="Laps as CSV",
    tags=["results"],
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
    found = _session(championship, year, round, session)
    entry = _entry_or_none(found, query.car)
    name = f"{found.path.replace('/', '-')}-laps" + (f"-{entry.number}" if entry else "")
    return shared_caching(_csv_response(exporters.laps_csv(found, entry=entry), name, streaming=True))


def _csv_response(lines, name: str, streaming: bool = False):
    if streaming:
        response = StreamingHttpResponse((line.encode() for line in lines), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse("".join(lines).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
