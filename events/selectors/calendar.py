"""Reads of the calendar: championships, seasons, rounds, their sessions, entries and classes,
by the names people and tools use."""

from django.db.models import Prefetch, QuerySet

from ..addresses import CAR_NUMBER, SLUG, RoundAddress, SeasonAddress
from ..core.numbers import number_sort_key
from ..enums import SessionKind
from ..errors import NotFound
from ..models import (
    CarClass,
    Championship,
    Entry,
    EntryDriver,
    ResultRow,
    Round,
    Season,
    Session,
)
from ..results import store


def season_get(*, championship: str, year: int) -> Season:
    """The season ``year`` of the championship with slug ``championship``."""
    address = SeasonAddress(championship, year)
    season = None
    if address.is_valid():
        season = Season.objects.select_related("championship").filter(**address.lookups()).first()
    if season is None:
        raise NotFound(f"No season {address.path}.")
    return season


def round_get(*, championship: str, year: int, round_slug: str) -> Round:
    """The round ``round_slug`` of that season, with its season, championship and circuit."""
    address = RoundAddress(championship, year, round_slug)
    found = None
    if address.is_valid():
        found = Round.objects.select_related("season__championship", "circuit").filter(**address.lookups()).first()
    if found is None:
        raise NotFound(f"No round {address.path}.")
    return found


def championships_list() -> list[Championship]:
    """Every championship by name, each with its seasons (newest first) in ``seasons.all()``."""
    seasons = Season.objects.select_related("championship").order_by("-year")
    return list(Championship.objects.order_by("name").prefetch_related(Prefetch("seasons", queryset=seasons)))


def championship_seasons(slug: str) -> list[Season]:
    """The championship's seasons, newest first, each with its classes (in class order) loaded."""
    championship = Championship.objects.filter(slug=slug).first() if SLUG.match(slug) else None
    if championship is None:
        raise NotFound(f"No championship {slug}.")
    return list(championship.seasons.select_related("championship").prefetch_related("car_classes").order_by("-year"))


def season_rounds(season: Season) -> QuerySet[Round]:
    """The season's rounds in calendar order, with their circuits."""
    return season.rounds.select_related("season__championship", "circuit").order_by("order")


def round_sessions(round_: Round) -> QuerySet[Session]:
    """The round's sessions in the order they ran."""
    return round_.sessions.order_by("start", "pk")


def round_entries(round_: Round) -> list[Entry]:
    """The round's entry list with teams, classes and line-ups: by class order, then car number."""
    entries = (
        Entry.objects.filter(round=round_)
        .select_related("team", "car_class")
        .prefetch_related(
            Prefetch("entry_drivers", queryset=EntryDriver.objects.select_related("driver").order_by("order"))
        )
    )
    return sorted(
        entries,
        key=lambda e: (e.car_class.display_order, e.car_class.code, number_sort_key(e.number)),
    )


def season_calendar(season: Season) -> list[tuple[Round, list[ResultRow]]]:
    """The season's rounds in order (circuit and sessions loaded), each with the class winners of its races.

    The races are brought up to date first; the winners come in class display order.
    """
    rounds = list(season.rounds.select_related("circuit").prefetch_related("sessions").order_by("order"))
    races = [session for round_ in rounds for session in round_.sessions.all() if session.kind == SessionKind.RACE]
    store.sessions_bring_up_to_date(Session.objects.filter(pk__in=[race.pk for race in races]))
    winners = (
        ResultRow.objects.filter(session__in=races, class_position=1)
        .select_related("entry__team", "entry__car_class")
        .order_by("entry__car_class__display_order")
    )
    winners_by_round: dict[int, list[ResultRow]] = {}
    for row in winners:
        winners_by_round.setdefault(row.entry.round_id, []).append(row)
    return [(round_, winners_by_round.get(round_.pk, [])) for round_ in rounds]


def season_classes(season: Season) -> QuerySet[CarClass]:
    """The season's car classes, in class display order."""
    return CarClass.objects.filter(season=season)


def sessions_with_laps() -> QuerySet[Session]:
    """Sessions that have laps, newest first, with what their paths need."""
    return Session.objects.with_path_parts().filter(laps__isnull=False).distinct().order_by("-start", "-pk")


def sessions_newest_season_first() -> QuerySet[Session]:
    """Every session, with what its path needs: newest season first, then in round and start order."""
    return Session.objects.with_path_parts().order_by("-round__season__year", "round__order", "start", "pk")


def season_get_by_path(path: str) -> Season:
    """The season named ``<championship>/<year>``, e.g. ``wec/2025``."""
    address = SeasonAddress.parse(path)
    try:
        return season_get(championship=address.championship, year=address.year)
    except NotFound:
        raise NotFound(f"No season {path}.") from None  # in the words the editor typed


def round_get_by_path(path: str) -> Round:
    """The round named ``<championship>/<year>/<round>``, e.g. ``wec/2025/qatar``."""
    address = RoundAddress.parse(path)
    try:
        return round_get(championship=address.championship, year=address.year, round_slug=address.round)
    except NotFound:
        raise NotFound(f"No round {path}.") from None


def round_entry_get(round_: Round, number: str) -> Entry:
    """The car with this number entered in the round (its class and team loaded); ``7`` and ``007`` differ."""
    entry = None
    if isinstance(number, str) and CAR_NUMBER.match(number):
        entry = Entry.objects.filter(round_id=round_.pk, number=number).select_related("car_class", "team").first()
    if entry is None:
        raise NotFound(f"No car #{number} is entered in {_round_path(round_)}.")
    return entry


def _round_path(round_: Round) -> str:
    season = round_.season
    return RoundAddress(season.championship.slug, season.year, round_.slug).path
