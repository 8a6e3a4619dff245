"""A season's championship standings: one table per title, after any round; CSV per table."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from ninja import Query, Router
from ninja.decorators import decorate_view

from .. import selectors
from ..core.charts.progression import points_progression
from ..interfaces import standings as lines_of
from ..web.caching import shared_caching
from ..web.season_caching import season_cached
from . import schemas
from .params import CHAMPIONSHIP, CSV_RESPONSE, ERRORS, YEAR, StandingsQuery, StandingsTableQuery, csv_response

router = Router(tags=["standings"])


def refused(request, status: int, message: str) -> JsonResponse:
    """The API's error document for what is refused before the operation runs: a season
    that does not exist (404), a query too long (400)."""
    return JsonResponse({"detail": message}, status=status)


STANDINGS_ERRORS = {400: schemas.ErrorOut, **ERRORS}


def standings_json(view) -> dict:
    """The standings document: what the API answers, built from the interfaces' lines, each
    row with its progression (its total after each counted round, as the page's chart draws)."""
    season = view.season
    number = lines_of.points_number
    keys = [round_.key for round_ in view.rounds]
    page = reverse("events:standings", kwargs={"championship": season.championship.slug, "year": season.year})
    embed = reverse("events:standings_embed", kwargs={"championship": season.championship.slug, "year": season.year})
    after = f"&after={view.after_param}" if view.after_param else ""
    return {
        "championship": season.championship.slug,
        "year": season.year,
        "after_round": view.after_round,
        "rule_set": view.rule_set.key,
        "provisional": view.provisional,
        "live": view.live,
        "tables": [
            {
                "key": table.key,
                "title": table.title,
                "class": table.class_codes[0] if table.class_codes else "",
                "kind": table.kind,
                "page_url": f"{page}?table={table.key}{after}",
                "embed_url": f"{embed}?table={table.key}{after}",
                "rows": [
                    {
                        "position": line.position,
                        "name": line.name,
                        "car_numbers": list(line.car_numbers),
                        "points": number(line.points),
                        "wins": line.wins,
                        "rounds": [
                            {
                                "round": cell.round,
                                "points": number(cell.points),
                                "position": cell.position,
                                "pole": cell.pole,
                            }
                            for cell in line.rounds
                            if cell.took_part
                        ],
                        "progression": [number(total) for total in progression.totals],
                    }
                    for line, progression in zip(
                        lines_of.standings_lines(table, keys), points_progression(table), strict=True
                    )
                ],
            }
            for table in view.tables
        ],
    }


@router.get(
    "/{championship}/{year}/standings",
    response={200: schemas.StandingsOut, **STANDINGS_ERRORS},
    url_name="standings",
    summary="A season's championship standings",
)
@decorate_view(season_cached(params=("after",), refused=refused))
def standings(request, championship: str = CHAMPIONSHIP, year: int = YEAR, query: Query[StandingsQuery] = None):
    """Every title's table after the latest raced round (or `?after=<round>`): position (shared
    after countback), name, the car numbers it scored with, points, wins, each round's points,
    class position and pole, and its progression: its points total after each counted round
    (what the standings page's chart draws). Private entries are left out of manufacturers' titles and guest
    entries out of every title (the others are ranked without them); drivers score only the
    rounds they drove in. Any correction (penalty, disqualification, deleted lap, status)
    shows on the next read."""
    view = selectors.season_standings(request.season, after=request.GET.get("after"))
    return shared_caching(JsonResponse(standings_json(view)))


@router.get(
    "/{championship}/{year}/standings.csv",
    response={200: str, **STANDINGS_ERRORS},
    url_name="standings_csv",
    summary="A standings table as CSV",
    openapi_extra=CSV_RESPONSE,
)
@decorate_view(season_cached(params=("after", "table"), refused=refused))
def standings_csv(
    request, championship: str = CHAMPIONSHIP, year: int = YEAR, query: Query[StandingsTableQuery] = None
):
    """One table (`?table=<key>`) as CSV: POSITION;NAME;CAR_NUMBERS;POINTS;WINS, then for each
    counted round <ROUND>_POINTS, <ROUND>_POSITION (or DSQ, NC, RET, DNS) and <ROUND>_POLE."""
    view = selectors.season_standings(request.season, after=request.GET.get("after"))
    key = request.GET["table"]
    lines = lines_of.standings_csv(view.table(key), [round_.key for round_ in view.rounds])
    return shared_caching(csv_response(lines, f"{championship}-{year}-{key}-standings"))
