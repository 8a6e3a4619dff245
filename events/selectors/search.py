"""Search: drivers and teams by name (accents and case ignored, every word found), cars by
number, rounds by name or circuit; the public search page and the API read here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from ..addresses import YEARS
from ..core.search import search_key, search_words
from ..enums import SessionKind
from ..models import Driver, Entry, Round, Session, Team

MOST = 20  # of each kind on the search page


def drivers_matching(query: str) -> QuerySet[Driver]:
    """Drivers with every word of ``query`` in their name (``vaxiviere``, ``matt vax``), by name;
    all of them for a query with no word."""
    return Driver.objects.filter(_every_word(query)).order_by("last_name", "first_name", "pk")


def teams_matching(query: str) -> QuerySet[Team]:
    """Teams with every word of ``query`` in their name, by name; all of them for a query with no word."""
    return Team.objects.filter(_every_word(query)).order_by("name", "pk")


def _every_word(query: str) -> Q:
    condition = Q()  # no word: all of them
    for word in search_words(query):
        condition &= Q(search_name__contains=word)
    return condition


@dataclass(frozen=True)
class SearchResults:
    query: str
    drivers: list[Driver]
    teams: list[Team]
    cars: list[tuple[Entry, Session | None]]  # the cars of that number, the latest round first, each with
    # the session its link shows (the round's race, else its last session; None: no session yet)
    rounds: list[Round]

    @property
    def empty(self) -> bool:
        return not (self.drivers or self.teams or self.cars or self.rounds)


def site_search(query: str) -> SearchResults:
    """What the search page lists for ``query``: the first ``MOST`` of each kind.

    A word of digits (``36``, ``#36``) or a car number's letters (``007``) finds cars; a year
    (``2021``) keeps cars and rounds of that season; the other words find drivers and teams
    by name and rounds by name or circuit.
    """
    words = search_words(query)
    year_words = [word for word in words if word.isdigit() and len(word) == 4 and int(word) in YEARS]
    years = [int(word) for word in year_words]
    names = " ".join(word for word in words if word not in year_words)
    rounds_of_years = Q(round__season__year__in=years) if years else Q()
    cars = []
    numbers = [word for word in words if len(word) <= 3 and word.isdigit()]
    if numbers:
        entries = (
            Entry.objects.filter(rounds_of_years, number__in=numbers)
            .select_related("round__season__championship", "team", "car_class")
            .prefetch_related(Prefetch("round__sessions", queryset=Session.objects.order_by("start", "pk")))
            .order_by("-round__season__year", "-round__order", "number")[:MOST]
        )
        cars = [(entry, _car_session(list(entry.round.sessions.all()))) for entry in entries]
    return SearchResults(
        query=query,
        drivers=list(drivers_matching(names)[:MOST]) if names else [],
        teams=list(teams_matching(names)[:MOST]) if names else [],
        cars=cars,
        rounds=_rounds_matching(names, years),
    )


def _car_session(sessions: list[Session]) -> Session | None:
    races = [session for session in sessions if session.kind == SessionKind.RACE]
    return (races or sessions or [None])[-1]


def _rounds_matching(names: str, years: list[int]) -> list[Round]:
    """Rounds with every word in their name or circuit's (compared as keys: a season has a
    handful of rounds, so they are compared here rather than stored as keys)."""
    words = search_words(names)
    if not words and not years:
        return []
    rounds = Round.objects.select_related("season__championship", "circuit").order_by("-season__year", "order")
    if years:
        rounds = rounds.filter(season__year__in=years)
    found = []
    for round_ in rounds:
        key = search_key(f"{round_.name} {round_.circuit.name if round_.circuit else ''}")
        if all(word in key for word in words):
            found.append(round_)
            if len(found) == MOST:
                break
    return found
