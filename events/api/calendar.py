"""The calendar: championships, their seasons, a season's rounds and a round's sessions."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router

from .. import selectors
from ..addresses import RoundAddress, SeasonAddress, SessionAddress
from ..models import Round, Season
from . import schemas
from .params import CHAMPIONSHIP, ERRORS, ROUND, YEAR

router = Router(tags=["calendar"])


def _api_url(name: str, address: SeasonAddress | RoundAddress | SessionAddress) -> str:
    return reverse(f"api:{name}", kwargs=address.url_kwargs())


def _season_ref(season: Season) -> dict:
    return {"year": season.year, "url": _api_url("rounds", SeasonAddress(season.championship.slug, season.year))}


@router.get(
    "/championships",
    response=list[schemas.ChampionshipOut],
    url_name="championships",
    summary="Championships and their seasons",
)
def championships(request):
    """Every championship with its seasons, newest first."""
    return [
        {
            "slug": championship.slug,
            "name": championship.name,
            "short_name": championship.short_name,
            "seasons": [_season_ref(season) for season in championship.seasons.all()],
        }
        for championship in selectors.championships_list()
    ]


@router.get(
    "/{championship}/seasons",
    response={200: list[schemas.SeasonOut], **ERRORS},
    url_name="seasons",
    summary="A championship's seasons",
)
def seasons(request, championship: str = CHAMPIONSHIP):
    """A championship's seasons, newest first, each with its classes in class order."""
    return [
        {
            **_season_ref(season),
            "qualifying_rule": season.qualifying_rule,
            "classes": [
                {"code": c.code, "name": c.name, "display_order": c.display_order, "colour": c.colour}
                for c in season.car_classes.all()
            ],
        }
        for season in selectors.championship_seasons(championship)
    ]


def _round_dict(round_: Round) -> dict:
    circuit = round_.circuit
    season = round_.season
    address = RoundAddress(season.championship.slug, season.year, round_.slug)
    return {
        "order": round_.order,
        "slug": round_.slug,
        "name": round_.name,
        "circuit": {
            "name": circuit.name,
            "country": circuit.country,
            "length_m": circuit.length_m,
            "time_zone": circuit.time_zone,
        }
        if circuit
        else None,
        "start_date": round_.start_date,
        "end_date": round_.end_date,
        "url": _api_url("sessions", address),
    }


@router.get(
    "/{championship}/{year}/rounds",
    response={200: list[schemas.RoundOut], **ERRORS},
    url_name="rounds",
    summary="A season's rounds",
)
def rounds(request, championship: str = CHAMPIONSHIP, year: int = YEAR):
    """A season's rounds in calendar order."""
    season = selectors.season_get(championship=championship, year=year)
    return [_round_dict(round_) for round_ in selectors.season_rounds(season)]


@router.get(
    "/{championship}/{year}/{round}/sessions",
    response={200: list[schemas.SessionSummaryOut], **ERRORS},
    url_name="sessions",
    summary="A round's sessions",
)
def sessions(request, championship: str = CHAMPIONSHIP, year: int = YEAR, round: str = ROUND):
    """A round's sessions in the order they ran, with where to find their results."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    season = round_.season
    result = []
    for session in selectors.round_sessions(round_):
        address = SessionAddress(season.championship.slug, season.year, round_.slug, session.slug)
        result.append(
            {
                "slug": session.slug,
                "path": address.path,
                "name": session.name,
                "kind": session.kind,
                "status": session.status,
                "start": session.start_local.at if session.start else None,
                "time_zone": session.time_zone,
                "updated_at": session.results_updated_at,
                "links": {
                    "page": reverse("events:session", kwargs=address.url_kwargs()),
                    "classification": _api_url("classification", address),
                    "classification_csv": _api_url("classification_csv", address),
                    "laps": _api_url("laps", address),
                    "laps_csv": _api_url("laps_csv", address),
                    "embed": reverse("events:embed", kwargs=address.url_kwargs()),
                },
            }
        )
    return result
