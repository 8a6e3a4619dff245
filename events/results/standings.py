"""A season's championship standings: the core's engine run on its races, stored until a result changes.

The inputs are the season's races as classified (the stored result rows, brought up to
date first), who drove each car (the laps' drivers; the line-up where a race has no
laps), each car's entrant kind, each class's pole (an editor's pole for the round, or
P1 of the class in Hyperpole, else qualifying) and each round's scale and share.

The standings after every round are computed together and stored in one row per
season (``SeasonStandings``) under the season's results version: the count, newest id
and summed results versions of its sessions, their last change, and the rule set.
Every change that can move a point bumps a session of the season (penalties, deleted
laps, overrides, entrants, poles, a round's scoring, the season's rules: see
``signals``), so the first read after it computes them again, and later reads only
check the version (two queries).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q, Sum

from ..core import standings as engine
from ..core.laptime import MS_PER_HOUR
from ..data import standings_rule_sets
from ..enums import EntrantKind, PointsScale, SessionKind, SessionStatus
from ..errors import NotFound
from ..models import Lap, ResultRow, Round, RoundPole, Season, SeasonEntrant, SeasonStandings, Session
from . import store

# A race of this length or more is scored on the Le Mans scale, of LONG_RACE_MS or more on the long one.
LE_MANS_RACE_MS = 20 * MS_PER_HOUR
LONG_RACE_MS = 7 * MS_PER_HOUR
# The shape of the stored document (``_compute``), part of the version: a new shape never reads an old one.
STORED_FORMAT = 3


@dataclass(frozen=True)
class RoundInfo:
    key: str
    name: str
    order: int
    provisional: bool
    live: bool = False  # its race is running: its points change with every lap


@dataclass(frozen=True)
class SeasonStandingsView:
    """The standings after ``after_round`` (the last round with a race when not given)."""

    season: Season
    rule_set: engine.RuleSet
    rounds: tuple[RoundInfo, ...]  # the rounds counted, in order
    after_round: str | None
    tables: tuple[engine.StandingsTable, ...]
    raced_rounds: tuple[RoundInfo, ...] = ()  # every round with a race, counted or not

    @property
    def provisional(self) -> bool:
        return any(round_.provisional for round_ in self.rounds)

    @property
    def live(self) -> bool:
        """Some counted round's race is running."""
        return any(round_.live for round_ in self.rounds)

    @property
    def after_param(self) -> str | None:
        """The ``after`` an address needs to show these standings: None when they are the latest."""
        latest = self.raced_rounds[-1].key if self.raced_rounds else None
        return None if self.after_round == latest else self.after_round

    def table(self, key: str) -> engine.StandingsTable:
        """The table of the title ``key``; NotFound naming the season's tables when there is none."""
        for table in self.tables:
            if table.key == key:
                return table
        keys = ", ".join(table.key for table in self.tables) or "none yet"
        if not key:
            raise NotFound(f"Name one of the standings tables of {self.season} ({keys}).")
        raise NotFound(f"No standings table “{key}” in {self.season} (its tables: {keys}).")


def season_rule_set(season: Season) -> engine.RuleSet:
    """The season's rule set: the one it names, or the one in force in its year."""
    rule_sets = standings_rule_sets()
    if season.rule_set:
        for rule_set in rule_sets:
            if rule_set.key == season.rule_set:
                return rule_set
        raise NotFound(f"No points rule set “{season.rule_set}” (season {season}).")
    try:
        return engine.rule_set_for_year(rule_sets, season.year)
    except ValueError as error:
        raise NotFound(str(error)) from error


def season_state(season: Season, rule_set: engine.RuleSet) -> tuple[str, bool]:
    """A version that changes whenever anything the season's standings are made of changes,
    and whether one of its sessions is live (its laps, so points or a pole point, change
    with every batch), in one query."""
    sessions = Session.objects.filter(round__season_id=season.pk).aggregate(
        count=Count("pk"),
        newest=Max("pk"),
        versions=Sum("results_version"),
        changed=Max("results_updated_at"),
        live=Count("pk", filter=Q(status=SessionStatus.LIVE)),
    )
    changed = sessions["changed"].isoformat() if sessions["changed"] else ""
    rules = hashlib.sha256(repr(rule_set).encode()).hexdigest()[:12]
    counts = f"{sessions['count']}:{sessions['newest'] or 0}:{sessions['versions'] or 0}"
    return f"{counts}:{changed}:{rules}:{STORED_FORMAT}", sessions["live"] > 0


def season_standings(season: Season, *, after: str | None = None) -> SeasonStandingsView:
    """The season's standings after round ``after`` (its slug), computed again only when stale."""
    rule_set = season_rule_set(season)
    version, _ = season_state(season, rule_set)
    stored = SeasonStandings.objects.filter(season_id=season.pk, version=version).values_list("tables", flat=True)
    data = next(iter(stored), None)
    if data is None:
        data = _compute(season, rule_set)
        _store(season, version, data)
    rounds = tuple(RoundInfo(**info) for info in data["rounds"])
    keys = [round_.key for round_ in rounds]
    if after is not None and after not in keys:
        raise NotFound(f"No round “{after}” with a race in {season}.")
    after_round = after if after is not None else (keys[-1] if keys else None)
    counted = rounds[: keys.index(after_round) + 1] if after_round else ()
    tables_data = data["after"].get(after_round or "")
    tables = tuple(_table_from_data(table) for table in json.loads(tables_data or "[]"))
    return SeasonStandingsView(season, rule_set, counted, after_round, tables, raced_rounds=rounds)


def _store(season: Season, version: str, data: dict) -> None:
    try:
        with transaction.atomic():
            SeasonStandings.objects.update_or_create(season=season, defaults={"version": version, "tables": data})
    except IntegrityError:
        pass  # another request stored them at the same moment


def _compute(season: Season, rule_set: engine.RuleSet) -> dict:
    rounds, infos = season_round_inputs(season)
    # The tables after each round as JSON text inside the document: a read decodes only the
    # round it shows (the document of a 60-car season is about 1 MB, a round's tables 1/8 of it).
    after = {
        info.key: json.dumps(
            [_table_to_data(table) for table in engine.standings_compute(rule_set, rounds, after=info.key)],
            separators=(",", ":"),
        )
        for info in infos
    }
    return {"rounds": [info.__dict__ for info in infos], "after": after}


def _race_of(round_: Round) -> Session | None:
    races = [session for session in round_.sessions.all() if session.kind == SessionKind.RACE]
    return max(races, key=lambda session: (session.start is not None, session.start, session.pk), default=None)


def season_round_inputs(season: Season) -> tuple[list[engine.RoundInput], list[RoundInfo]]:
    """What the engine needs for every round of the season that has a race with results."""
    rounds = list(Round.objects.filter(season_id=season.pk).prefetch_related("sessions").order_by("order"))
    races = {round_.pk: race for round_ in rounds if (race := _race_of(round_)) is not None}
    grids = [s for r in rounds for s in r.sessions.all() if s.kind in (SessionKind.QUALIFYING, SessionKind.HYPERPOLE)]
    store.sessions_bring_up_to_date(Session.objects.filter(pk__in=[s.pk for s in [*races.values(), *grids]]))
    rows_by_session: dict[int, list[ResultRow]] = {}
    for row in ResultRow.objects.filter(session__in=[*races.values(), *grids]).select_related(
        "entry__team", "entry__car_class"
    ):
        rows_by_session.setdefault(row.session_id, []).append(row)
    entrants = dict(SeasonEntrant.objects.filter(season_id=season.pk).values_list("car_number", "kind"))
    drove = _drivers_who_drove(list(races.values()))
    poles = _poles(rounds, rows_by_session)
    inputs, infos = [], []
    for round_ in rounds:
        race = races.get(round_.pk)
        if race is None or not rows_by_session.get(race.pk):
            continue
        cars = tuple(
            engine.CarResult(
                number=row.entry.number,
                class_code=row.entry.car_class.code.upper(),
                class_position=row.class_position,
                status=row.status,
                entrant=entrants.get(row.entry.number, EntrantKind.WORKS),
                team=row.entry.team.name,
                manufacturer=row.entry.manufacturer,
                drivers=drove.get((race.pk, row.entry_id))
                or tuple(engine.DriverRef(str(pk), f"{first} {last}".strip()) for pk, first, last in row.line_up),
                pole=poles.get((round_.pk, row.entry.car_class.code.upper())) == row.entry_id,
            )
            for row in rows_by_session[race.pk]
        )
        provisional = race.status != SessionStatus.FINAL
        inputs.append(
            engine.RoundInput(
                key=round_.slug,
                name=round_.name,
                scale=round_.points_scale or _scale_of(race, rows_by_session[race.pk]),
                share=round_.points_share,
                cars=cars,
                provisional=provisional,
            )
        )
        infos.append(RoundInfo(round_.slug, round_.name, round_.order, provisional, race.status == SessionStatus.LIVE))
    return inputs, infos


def _scale_of(race: Session, rows: list[ResultRow]) -> str:
    """From the race's scheduled length, else from the winner's time."""
    length = race.duration_ms or max((row.total_time_ms or 0 for row in rows if row.overall_position == 1), default=0)
    if length >= LE_MANS_RACE_MS:
        return PointsScale.LE_MANS
    return PointsScale.LONG if length >= LONG_RACE_MS else PointsScale.STANDARD


def _drivers_who_drove(races: list[Session]) -> dict[tuple[int, int], tuple[engine.DriverRef, ...]]:
    """(race, entry) → the drivers of its laps, in the order they first drove."""
    drove: dict[tuple[int, int], list[engine.DriverRef]] = {}
    # One row per car and driver (with the driver's first lap), not one per lap: a season's
    # races have tens of thousands of laps.
    for session_id, entry_id, driver_id, first, last, _ in (
        Lap.objects.filter(session__in=races, driver__isnull=False)
        .values_list("session_id", "entry_id", "driver_id", "driver__first_name", "driver__last_name")
        .annotate(first_lap=Min("lap_number"))
        .order_by("session_id", "entry_id", "first_lap", "driver_id")
    ):
        drove.setdefault((session_id, entry_id), []).append(engine.DriverRef(str(driver_id), f"{first} {last}".strip()))
    return {key: tuple(drivers) for key, drivers in drove.items()}


def _poles(rounds: list[Round], rows_by_session: dict[int, list[ResultRow]]) -> dict[tuple[int, str], int]:
    """(round, class code) → the pole car's entry: the editors' pole, else P1 of the class in
    Hyperpole (for the classes it ran), else in qualifying (the round's last of each)."""
    poles: dict[tuple[int, str], int] = {}
    for round_ in rounds:
        sessions = sorted(round_.sessions.all(), key=lambda s: (s.start is not None, s.start, s.pk))
        for kind in (SessionKind.QUALIFYING, SessionKind.HYPERPOLE):  # Hyperpole, when there is one, decides
            last = [session for session in sessions if session.kind == kind][-1:]
            for row in rows_by_session.get(last[0].pk, []) if last else []:
                if row.class_position == 1:
                    poles[(round_.pk, row.entry.car_class.code.upper())] = row.entry_id
    for round_id, class_code, entry_id in RoundPole.objects.filter(round__in=rounds).values_list(
        "round_id", "car_class__code", "entry_id"
    ):
        poles[(round_id, class_code.upper())] = entry_id
    return poles


def _table_to_data(table: engine.StandingsTable) -> dict:
    return {
        "key": table.key,
        "title": table.title,
        "class_codes": list(table.class_codes),
        "kind": table.kind,
        "rows": [
            {
                "position": row.position,
                "shared": row.shared,
                "key": row.key,
                "name": row.name,
                "car_numbers": list(row.car_numbers),
                "points": str(row.points),
                "wins": row.wins,
                # A cell as a list (round, points, position, status, pole, eligible rank): a 60-car
                # season has thousands, and a list is smaller and quicker to read than a dict.
                "rounds": [
                    None
                    if cell is None
                    else [cell.round, str(cell.points), cell.position, cell.status, cell.pole, cell.eligible_rank]
                    for cell in row.rounds
                ],
            }
            for row in table.rows
        ],
    }


# Points as stored ("25", "25/2"): few distinct values, each parsed once per process.
_points = functools.lru_cache(maxsize=4096)(Fraction)


def _table_from_data(data: dict) -> engine.StandingsTable:
    return engine.StandingsTable(
        key=data["key"],
        title=data["title"],
        class_codes=tuple(data["class_codes"]),
        kind=data["kind"],
        rows=tuple(
            engine.StandingsRow(
                position=row["position"],
                shared=row["shared"],
                key=row["key"],
                name=row["name"],
                car_numbers=tuple(row["car_numbers"]),
                points=_points(row["points"]),
                wins=row["wins"],
                rounds=tuple(
                    None
                    if cell is None
                    else engine.RoundCell(cell[0], _points(cell[1]), cell[2], cell[3], cell[4], cell[5])
                    for cell in row["rounds"]
                ),
            )
            for row in data["rows"]
        ),
    )
