"""Reads of drivers and teams, and their results."""

from itertools import groupby

from django.db.models import Prefetch, QuerySet

from ..errors import NotFound
from ..models import (
    Driver,
    Entry,
    EntryDriver,
    ResultRow,
    Season,
    Session,
    Team,
)
from ..results import store


def driver_get(slug: str) -> Driver:
    """The driver at this address (``antonio-fuoco``)."""
    try:
        return Driver.objects.get(slug=slug)
    except Driver.DoesNotExist:
        raise NotFound(f"No driver “{slug}”.") from None


def driver_slug(pk: int) -> str:
    """The address of the driver with this id (the old addresses used ids)."""
    return _slug_of(Driver, pk, "driver")


def _slug_of(model, pk: int, noun: str) -> str:
    slug = model.objects.filter(pk=pk).values_list("slug", flat=True).first()
    if slug is None:
        raise NotFound(f"No {noun} {pk}.")
    return slug


def _latest_first(sessions: QuerySet[Session], rows: QuerySet[ResultRow], *related: str, then: str):
    """``rows`` with their sessions, the latest first (then by ``then``); ``sessions`` brought up to date first."""
    store.sessions_bring_up_to_date(sessions)
    return rows.select_related("session__round__season__championship", *related).order_by(
        "-session__round__season__year", "-session__round__order", "session__start", then
    )


def driver_result_rows(driver: Driver) -> QuerySet[ResultRow]:
    """The driver's result rows in every session, the latest first; the sessions brought up to date first."""
    return _latest_first(
        Session.objects.filter(round__entries__entry_drivers__driver=driver),
        ResultRow.objects.filter(entry__entry_drivers__driver=driver),
        "entry__team",
        "entry__car_class",
        then="session__pk",
    )


def team_get(slug: str) -> Team:
    """The team at this address (``af-corse``)."""
    try:
        return Team.objects.get(slug=slug)
    except Team.DoesNotExist:
        raise NotFound(f"No team “{slug}”.") from None


def team_slug(pk: int) -> str:
    """The address of the team with this id (the old addresses used ids)."""
    return _slug_of(Team, pk, "team")


def team_result_rows(team: Team) -> QuerySet[ResultRow]:
    """The team's result rows in every session, the latest first; the sessions brought up to date first."""
    return _latest_first(
        Session.objects.filter(round__entries__team=team),
        ResultRow.objects.filter(entry__team=team),
        "entry__car_class",
        then="entry__number",
    )


EntryResults = tuple[Entry, list[ResultRow]]


def driver_seasons(driver: Driver) -> list[tuple[Season, list[EntryResults]]]:
    """The driver's entries by season (the latest first), each with its line-up
    (``entry_drivers``) and its results in session order."""
    return _seasons(Entry.objects.filter(entry_drivers__driver=driver))


def team_seasons(team: Team) -> list[tuple[Season, list[EntryResults]]]:
    """The team's entries by season (the latest first), each with its results in session order."""
    return _seasons(Entry.objects.filter(team=team))


def _seasons(entries: QuerySet[Entry]) -> list[tuple[Season, list[EntryResults]]]:
    entries = list(
        entries.select_related("round__season__championship", "team", "car_class")
        .prefetch_related(
            Prefetch("entry_drivers", queryset=EntryDriver.objects.select_related("driver").order_by("order"))
        )
        .order_by("-round__season__year", "round__season__championship__name", "round__order", "number")
    )
    store.sessions_bring_up_to_date(Session.objects.filter(round__entries__in=entries).distinct())
    rows: dict[int, list[ResultRow]] = {entry.pk: [] for entry in entries}
    for row in (
        ResultRow.objects.filter(entry__in=entries).select_related("session").order_by("session__start", "session__pk")
    ):
        rows[row.entry_id].append(row)
    return [
        (season, [(entry, rows[entry.pk]) for entry in season_entries])
        for season, season_entries in groupby(entries, key=lambda entry: entry.round.season)
    ]
