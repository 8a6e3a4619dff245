"""Drivers and teams: found by name (paged like the laps), and each one's entries and results by season."""

from __future__ import annotations

from django.urls import reverse
from ninja import Query, Router

from .. import selectors
from ..addresses import SessionAddress
from ..core.laptime import format_lap_time
from ..models import Driver, Entry, ResultRow, Team
from . import people_schemas as schemas
from .paging import page_document
from .params import ERRORS, PERSON, SearchPageQuery

router = Router(tags=["people"])


def _driver_dict(driver: Driver) -> dict:
    return {
        "slug": driver.slug,
        "first_name": driver.first_name,
        "last_name": driver.last_name,
        "nationality": driver.nationality,
        "url": driver.get_absolute_url(),
    }


def _team_dict(team: Team) -> dict:
    return {"slug": team.slug, "name": team.name, "country": team.country, "url": team.get_absolute_url()}


def _seasons(seasons) -> list[dict]:
    return [
        {
            "championship": season.championship.slug,
            "year": season.year,
            "entries": [_entry_dict(entry, rows) for entry, rows in entries],
        }
        for season, entries in seasons
    ]


def _entry_dict(entry: Entry, rows: list[ResultRow]) -> dict:
    return {
        "round": entry.round.slug,
        "round_name": entry.round.name,
        "number": entry.number,
        "class": entry.car_class.code,
        "team": entry.team.name,
        "team_slug": entry.team.slug,
        "car": entry.car,
        "drivers": [_driver_dict(place.driver) for place in entry.entry_drivers.all()],
        "results": [_result_dict(entry, row) for row in rows],
    }


def _result_dict(entry: Entry, row: ResultRow) -> dict:
    session = row.session
    return {
        "session": session.slug,
        "session_name": session.name,
        "kind": session.kind,
        "status": row.status,
        "overall_position": row.overall_position,
        "class_position": row.class_position,
        "laps": row.laps,
        "best_lap_ms": row.best_lap_ms,
        "best_lap": format_lap_time(row.best_lap_ms),
        "url": reverse("events:car_laps", kwargs={**_address(entry, session).url_kwargs(), "number": entry.number}),
    }


def _address(entry: Entry, session) -> SessionAddress:
    season = entry.round.season  # loaded with the entry; the row's session is not
    return SessionAddress(season.championship.slug, season.year, entry.round.slug, session.slug)


def _page(request, query: SearchPageQuery, found, item, noun: str) -> dict:
    return page_document(
        request,
        found,
        page=query.page,
        page_size=query.page_size,
        item=item,
        missing=f"There is no page {{page}} of {noun}: {{count}} {noun} make {{pages}} page(s) of {{page_size}}.",
    )


@router.get("/drivers", response={200: schemas.DriverPageOut, **ERRORS}, url_name="drivers", summary="Drivers")
def drivers(request, query: Query[SearchPageQuery] = None):
    """Drivers by name (last name, then first), a page at a time; `search` keeps those with
    every word of it in their name, accents and case ignored (`vaxiviere` finds Vaxivière)."""
    return _page(request, query, selectors.drivers_matching(query.search or ""), _driver_dict, "drivers")


@router.get(
    "/drivers/{slug}",
    response={200: schemas.DriverDetailOut, **ERRORS},
    url_name="driver",
    summary="A driver",
    by_alias=True,
)
def driver(request, slug: str = PERSON):
    """A driver, with their entries and results by season (the latest first): each entry's
    round, car, class, team and line-up, and its result in each session it has one in."""
    found = selectors.driver_get(slug)
    return {
        **_driver_dict(found),
        "fia_category": found.fia_category,
        "seasons": _seasons(selectors.driver_seasons(found)),
    }


@router.get("/teams", response={200: schemas.TeamPageOut, **ERRORS}, url_name="teams", summary="Teams")
def teams(request, query: Query[SearchPageQuery] = None):
    """Teams by name, a page at a time; `search` keeps those with every word of it in their
    name, accents and case ignored."""
    return _page(request, query, selectors.teams_matching(query.search or ""), _team_dict, "teams")


@router.get(
    "/teams/{slug}", response={200: schemas.TeamDetailOut, **ERRORS}, url_name="team", summary="A team", by_alias=True
)
def team(request, slug: str = PERSON):
    """A team, with its entries and results by season (the latest first), as a driver's."""
    found = selectors.team_get(slug)
    return {**_team_dict(found), "seasons": _seasons(selectors.team_seasons(found))}
