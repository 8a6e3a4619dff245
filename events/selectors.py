"""Reads: find sessions, entries and laps by the names people and tools use; whose API token is this."""

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from .addresses import CAR_NUMBER, SLUG, RoundAddress, SeasonAddress, SessionAddress
from .core import classification, sanity
from .core.charts import CarLapSeries
from .core.numbers import number_sort_key
from .core.standings import StandingsRow, StandingsTable
from .enums import PenaltyKind, SessionKind
from .errors import NotFound
from .models import (
    ApiToken,
    CarClass,
    Championship,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Penalty,
    ResultRow,
    Round,
    Season,
    Session,
    Team,
)
from .models.token import TOKEN_USE_PRECISION, token_digest
from .results import car_chart, charts, standings, store
from .results.inputs import classification_compute


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


def session_laps(session: Session, *, entry: Entry | None = None) -> QuerySet[Lap]:
    """The session's laps (of one car if given): by class order, car number, then lap number."""
    laps = Lap.objects.filter(session=session)
    if entry is not None:
        laps = laps.filter(entry=entry)
    return laps.select_related("entry__car_class", "driver").order_by(
        "entry__car_class__display_order", Length("entry__number"), "entry__number", "entry_id", "lap_number"
    )


def session_get(address: SessionAddress) -> Session:
    """The session at ``address``, with its round, season, championship and circuit."""
    if not address.is_valid():
        raise NotFound(f"No session {address.path}.")
    try:
        return Session.objects.with_path_parts().get(**address.lookups())
    except Session.DoesNotExist:
        raise NotFound(f"No session {address.path}.") from None


def session_get_by_path(path: str) -> Session:
    """The session named ``<championship>/<year>/<round>/<session>``, e.g. ``wec/2021/portimao/qualifying``."""
    address = SessionAddress.parse(path)
    try:
        return session_get(address)
    except NotFound:
        raise NotFound(f"No session {path}.") from None  # in the words the editor typed


def entry_get(*, session: Session, number: str) -> Entry:
    """The car with this number in the session's round; ``7`` and ``007`` are different cars."""
    if not CAR_NUMBER.match(number):
        raise NotFound(f"No car #{number} is entered in {session.path}.")
    entry = Entry.objects.filter(round_id=session.round_id, number=number).select_related("team").first()
    if entry is None:
        raise NotFound(f"No car #{number} is entered in {session.path}.")
    return entry


def lap_get(*, session: Session, number: str, lap_number: int) -> Lap:
    """One lap of one car in a session."""
    entry = entry_get(session=session, number=number)
    lap = Lap.objects.filter(session=session, entry=entry, lap_number=lap_number).first()
    if lap is None:
        raise NotFound(f"Car #{number} has no lap {lap_number} in {session.path}.")
    return lap


def session_result_rows(session: Session) -> QuerySet[ResultRow]:
    """The session's classified rows in overall order, brought up to date first if stale."""
    store.session_rows_bring_up_to_date(session)
    return (
        ResultRow.objects.filter(session_id=session.pk)
        .select_related("entry__team", "entry__car_class")
        .order_by("row_order")
    )


def starting_grid_of_round(round_) -> list[classification.GridRow]:
    """The round's starting grid from its (last) qualifying and Hyperpole sessions."""
    sessions = list(Session.objects.with_path_parts().filter(round=round_).order_by("start", "pk"))
    qualifying = [s for s in sessions if s.kind == SessionKind.QUALIFYING]
    hyperpole = [s for s in sessions if s.kind == SessionKind.HYPERPOLE]
    if not qualifying:
        return []
    grid_penalties = [
        classification.PenaltyInput(entry_id=p.entry_id, kind=p.kind, grid_places=p.grid_places)
        for p in Penalty.objects.active().filter(session__round=round_, kind=PenaltyKind.GRID_PLACES)
    ]
    return classification.starting_grid(
        qualifying=classification_compute(qualifying[-1]),
        hyperpole=classification_compute(hyperpole[-1]) if hyperpole else None,
        grid_penalties=grid_penalties,
    )


def starting_grid_entries(round_: Round) -> list[tuple[classification.GridRow, Entry]]:
    """The round's starting grid, each place with its entry (team, class and line-up loaded)."""
    entries = {entry.pk: entry for entry in round_entries(round_)}
    return [(grid_row, entries[grid_row.row.entry_id]) for grid_row in starting_grid_of_round(round_)]


# --- Reads of the public pages --------------------------------------------------------


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


def season_standings_leaders(season: Season, *, count: int = 3) -> list[tuple[StandingsTable, list]]:
    """Each title's first ``count`` rows after the latest raced round, for the season page."""
    view = standings.season_standings(season)
    return [(table, list(table.rows[:count])) for table in view.tables if table.rows]


def driver_standings(driver: Driver) -> list[tuple[Season, StandingsTable, StandingsRow]]:
    """Where the driver stands in every title of every season they drove in, newest season first."""
    seasons = (
        Season.objects.filter(rounds__entries__entry_drivers__driver=driver)
        .select_related("championship")
        .distinct()
        .order_by("-year", "championship__name")
    )
    places = []
    for season in seasons:
        for table in standings.season_standings(season).tables:
            row = next((row for row in table.rows if row.key == str(driver.pk)), None)
            if row is not None and table.kind == "drivers":
                places.append((season, table, row))
    return places


def season_classes(season: Season) -> QuerySet[CarClass]:
    """The season's car classes, in class display order."""
    return CarClass.objects.filter(season=season)


def entry_laps(*, session: Session, entry: Entry) -> QuerySet[Lap]:
    """Every lap of one car in a session, in lap order, with its driver and who deleted its time."""
    return (
        Lap.objects.filter(session=session, entry=entry).select_related("driver", "deleted_by").order_by("lap_number")
    )


def entry_lap_series(*, session: Session, entry: Entry) -> CarLapSeries:
    """One car's lap times by driver, stints and drivers' best laps in a session (see ``events.core.charts.car``)."""
    return car_chart.entry_lap_series(session, entry)


def entry_line_up(entry: Entry) -> list[Driver]:
    """The car's drivers, in line-up order."""
    return [entry_driver.driver for entry_driver in entry.entry_drivers.select_related("driver")]


def driver_get(pk: int) -> Driver:
    """The driver with this id."""
    try:
        return Driver.objects.get(pk=pk)
    except Driver.DoesNotExist:
        raise NotFound(f"No driver {pk}.") from None


def driver_result_rows(driver: Driver) -> QuerySet[ResultRow]:
    """The driver's result rows in every session, the latest first; the sessions brought up to date first."""
    store.sessions_bring_up_to_date(Session.objects.filter(round__entries__entry_drivers__driver=driver))
    return (
        ResultRow.objects.filter(entry__entry_drivers__driver=driver)
        .select_related("session__round__season__championship", "entry__team", "entry__car_class")
        .order_by("-session__round__season__year", "-session__round__order", "session__start", "session__pk")
    )


def team_get(pk: int) -> Team:
    """The team with this id."""
    try:
        return Team.objects.get(pk=pk)
    except Team.DoesNotExist:
        raise NotFound(f"No team {pk}.") from None


def team_result_rows(team: Team) -> QuerySet[ResultRow]:
    """The team's result rows in every session, the latest first; the sessions brought up to date first."""
    store.sessions_bring_up_to_date(Session.objects.filter(round__entries__team=team))
    return (
        ResultRow.objects.filter(entry__team=team)
        .select_related("session__round__season__championship", "entry__car_class")
        .order_by("-session__round__season__year", "-session__round__order", "session__start", "entry__number")
    )


# --- Reads of the editors' admin: its filters and the import form's list of sessions ---------------


def sessions_with_laps() -> QuerySet[Session]:
    """Sessions that have laps, newest first, with what their paths need."""
    return Session.objects.with_path_parts().filter(laps__isnull=False).distinct().order_by("-start", "-pk")


def sessions_newest_season_first() -> QuerySet[Session]:
    """Every session, with what its path needs: newest season first, then in round and start order."""
    return Session.objects.with_path_parts().order_by("-round__season__year", "round__order", "start", "pk")


def session_round_entries(session_id: int) -> QuerySet[Entry]:
    """The cars entered in the session's round, with their teams: by class order, then car number."""
    return (
        Entry.objects.filter(round__sessions=session_id)
        .select_related("team")
        .order_by("car_class__display_order", Length("number"), "number")
    )


def session_round_drivers(session_id: int, *, entry_id: int | None = None) -> QuerySet[Driver]:
    """The drivers of the cars entered in the session's round (of one car if given), by name."""
    drivers = Driver.objects.filter(entry_drivers__entry__round__sessions=session_id)
    if entry_id is not None:
        drivers = drivers.filter(entry_drivers__entry_id=entry_id)
    return drivers.distinct().order_by("last_name", "first_name")


def record_last_change(record, field: str):
    """The history entry that last changed ``field`` (attribute name) of ``record``: who, when, why.

    None for a model without history, or when no recent entry changed it (a bulk import)."""
    history = getattr(type(record), "history", None)
    if history is None:
        return None
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    for newer, older in zip(entries, entries[1:], strict=False):
        if getattr(newer, field, None) != getattr(older, field, None):
            return newer
    return None


def lap_time_doubts(
    *, session: Session, entry: Entry, lap_time_ms: int, sectors: tuple, lap_id: int | None = None
) -> list[str]:
    """Why a lap time typed for ``entry`` in ``session`` needs a second look (see ``core.sanity``),
    measured against the valid times of the other laps of its class in the session."""
    others = (
        Lap.objects.valid_times()
        .filter(session=session, entry__car_class_id=entry.car_class_id)
        .exclude(pk=lap_id)
        .values_list("lap_time_ms", flat=True)
    )
    return sanity.lap_time_doubts(lap_time_ms, sectors, list(others), class_name=entry.car_class.name)


def season_standings(season: Season, *, after: str | None = None) -> standings.SeasonStandingsView:
    """The season's championship standings after round ``after`` (its slug; the last raced by default)."""
    return standings.season_standings(season, after=after)


def season_standings_version(season: Season) -> str:
    """Changes whenever anything the season's standings are made of changes (for HTTP caching)."""
    return standings.season_version(season, standings.season_rule_set(season))


# --- Reads of the standings decisions' commands: seasons, rounds and cars by the paths editors type ---------------


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


def session_lap_chart(session: Session) -> tuple[charts.ClassChart, ...]:
    """The lap chart and gaps of a session, per class in class order (see ``events.core.charts``)."""
    return charts.session_lap_chart(session)


def api_token_user(secret: str):
    """The user of the active token ``secret`` (an active user), or None; found by its digest, so
    no comparison of secrets leaks by its timing. Notes when it was used, at most once a minute."""
    token = ApiToken.objects.active().select_related("user").filter(digest=token_digest(secret)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
