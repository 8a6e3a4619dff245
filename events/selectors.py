"""Reads: find sessions, entries and laps by the names people and tools use."""

import datetime as dt
import functools
import re

from django.db import connections
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length

from . import classification
from .enums import PenaltyKind, SessionKind
from .errors import NotFound
from .models import (
    CarClass,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    OfficialResult,
    Penalty,
    ResultRow,
    Round,
    Season,
    Session,
    StatusOverride,
)

# Seasons are numbered 1900 to 2200 (the model's validators); any other number names none,
# and is never sent to the database, which could not hold it.
YEARS = range(1900, 2201)
# Names in addresses are slugs and car numbers; anything else names nothing and is never
# sent to the database (PostgreSQL refuses text with a NUL character, for one).
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
CAR_NUMBER = re.compile(r"[0-9A-Za-z]{1,4}\Z")


def season_get(*, championship: str, year: int) -> Season:
    """The season ``year`` of the championship with slug ``championship``."""
    if year not in YEARS or not SLUG.match(championship):
        raise NotFound(f"No season {championship}/{year}.")
    season = Season.objects.select_related("championship").filter(championship__slug=championship, year=year).first()
    if season is None:
        raise NotFound(f"No season {championship}/{year}.")
    return season


def round_get(*, championship: str, year: int, round_slug: str) -> Round:
    """The round ``round_slug`` of that season, with its season, championship and circuit."""
    if year not in YEARS or not SLUG.match(championship) or not SLUG.match(round_slug):
        raise NotFound(f"No round {championship}/{year}/{round_slug}.")
    found = (
        Round.objects.select_related("season__championship", "circuit")
        .filter(season__championship__slug=championship, season__year=year, slug=round_slug)
        .first()
    )
    if found is None:
        raise NotFound(f"No round {championship}/{year}/{round_slug}.")
    return found


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
        key=lambda e: (e.car_class.display_order, e.car_class.code, classification.number_sort_key(e.number)),
    )


def session_laps(session: Session, *, entry: Entry | None = None) -> QuerySet[Lap]:
    """The session's laps (of one car if given): by class order, car number, then lap number."""
    laps = Lap.objects.filter(session=session)
    if entry is not None:
        laps = laps.filter(entry=entry)
    return laps.select_related("entry__car_class", "driver").order_by(
        "entry__car_class__display_order", Length("entry__number"), "entry__number", "entry_id", "lap_number"
    )


def _path_filter(path: str) -> dict:
    parts = path.strip().strip("/").split("/")
    if len(parts) != 4 or not all(parts):
        raise NotFound(
            f"“{path}” is not a session path; write it as championship/year/round/session, "
            "e.g. wec/2021/portimao/qualifying."
        )
    championship_slug, year, round_slug, session_slug = parts
    if not (year.isascii() and year.isdigit()):
        raise NotFound(f"“{path}”: the year “{year}” is not a number.")
    if int(year) not in YEARS or not all(SLUG.match(part) for part in (championship_slug, round_slug, session_slug)):
        raise NotFound(f"No session {path}.")
    return {
        "round__season__championship__slug": championship_slug,
        "round__season__year": int(year),
        "round__slug": round_slug,
        "slug": session_slug,
    }


def session_get_by_path(path: str) -> Session:
    """The session named ``<championship>/<year>/<round>/<session>``, e.g. ``wec/2021/portimao/qualifying``."""
    try:
        return Session.objects.with_path_parts().get(**_path_filter(path))
    except Session.DoesNotExist:
        raise NotFound(f"No session {path}.") from None


_STAMP_SENTINELS = ("\x00championship", 1, "\x00round", "\x00session")


@functools.cache
def _stamp_query() -> tuple[str, list[int]]:
    """The stamp query compiled once by the ORM: its SQL, and which argument each placeholder takes."""
    championship, year, round_slug, session_slug = _STAMP_SENTINELS
    query = Session.objects.filter(
        round__season__championship__slug=championship, round__season__year=year, round__slug=round_slug,
        slug=session_slug,
    ).values_list("pk", "results_version", "results_updated_at").order_by()  # fmt: skip
    sql, params = query.query.sql_with_params()
    return sql, [_STAMP_SENTINELS.index(param) for param in params]


def session_results_stamp(path: str) -> tuple[int, int, dt.datetime | None]:
    """(id, results version, last change) of the session at ``path``: what a cached response is keyed on.

    Every cached answer reads it, so the query is compiled once and then run as it is.
    """
    filters = _path_filter(path)
    values = (
        filters["round__season__championship__slug"], filters["round__season__year"], filters["round__slug"],
        filters["slug"],
    )  # fmt: skip
    sql, slots = _stamp_query()
    with connections[Session.objects.db].cursor() as cursor:
        cursor.execute(sql, [values[slot] for slot in slots])
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"No session {path}.")
    session_id, version, changed_at = row
    if isinstance(changed_at, str):  # SQLite without type detection
        changed_at = dt.datetime.fromisoformat(changed_at)
    if changed_at is not None and changed_at.tzinfo is None:  # SQLite keeps UTC without a zone
        changed_at = changed_at.replace(tzinfo=dt.UTC)
    return session_id, version, changed_at


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


def classification_compute(session: Session) -> classification.Classification:
    """Load everything the engine needs with a fixed number of queries, and run it."""
    season = session.round.season
    classes = [
        classification.CarClassInfo(code=c.code, name=c.name, display_order=c.display_order, colour=c.colour)
        for c in CarClass.objects.filter(season_id=season.pk)
    ]
    line_ups: dict[int, list[str]] = {}
    driver_names: dict[int, str] = {}
    for entry_driver in EntryDriver.objects.filter(entry__round_id=session.round_id).select_related("driver"):
        line_ups.setdefault(entry_driver.entry_id, []).append(entry_driver.driver.full_name)
        driver_names[entry_driver.driver_id] = entry_driver.driver.full_name
    entries = [
        classification.EntryInput(
            entry_id=entry.pk,
            number=entry.number,
            class_code=entry.car_class.code,
            group=entry.group,
            team=entry.team.name,
            car=entry.car,
            drivers=tuple(line_ups.get(entry.pk, ())),
        )
        for entry in Entry.objects.filter(round_id=session.round_id).select_related("team", "car_class")
    ]
    lap_rows = list(
        Lap.objects.filter(session_id=session.pk).values_list(
            "entry_id",
            "lap_number",
            "lap_time_ms",
            "is_time_deleted",
            "driver_id",
            "elapsed_ms",
            "crossed_line_in_pit",
        )
    )
    if not lap_rows:
        official = [
            classification.OfficialRowInput(
                entry_id=r.entry_id,
                position=r.position,
                status=r.status,
                laps=r.laps,
                total_time_ms=r.total_time_ms,
                fastest_lap_number=r.fastest_lap_number,
                fastest_lap_ms=r.fastest_lap_ms,
            )
            for r in OfficialResult.objects.filter(session_id=session.pk).order_by("row_order")
        ]
        if official:  # a historical session: the official classification is the result
            return classification.classify_official(kind=session.kind, classes=classes, entries=entries, rows=official)
    unknown_drivers = {row[4] for row in lap_rows if row[4] is not None and row[4] not in driver_names}
    if unknown_drivers:  # a lap driven by someone not in the line-up
        driver_names.update((d.pk, d.full_name) for d in Driver.objects.filter(pk__in=unknown_drivers))
    laps = [
        classification.LapInput(
            entry_id=entry_id,
            lap_number=lap_number,
            lap_time_ms=lap_time_ms,
            is_time_deleted=is_time_deleted,
            driver_id=driver_id,
            driver_name=driver_names.get(driver_id, ""),
            elapsed_ms=elapsed_ms,
            crossed_line_in_pit=in_pit,
        )
        for entry_id, lap_number, lap_time_ms, is_time_deleted, driver_id, elapsed_ms, in_pit in lap_rows
    ]
    penalties = [
        classification.PenaltyInput(entry_id=p.entry_id, kind=p.kind, time_ms=p.time_ms, grid_places=p.grid_places)
        for p in Penalty.objects.active().filter(session_id=session.pk)
    ]
    overrides = [
        classification.StatusOverride(entry_id=o.entry_id, status=o.status, reason=o.reason)
        for o in StatusOverride.objects.filter(session_id=session.pk)
    ]
    if session.kind != SessionKind.RACE:
        # The race rules apply penalties themselves; elsewhere a disqualification acts as a status,
        # unless an editor set the status explicitly.
        overridden = {o.entry_id for o in overrides}
        overrides += [
            classification.StatusOverride(
                entry_id=p.entry_id, status=classification.DISQUALIFIED, reason="Disqualified"
            )
            for p in penalties
            if p.kind == PenaltyKind.DISQUALIFICATION and p.entry_id not in overridden
        ]
    rules = classification.Rules(
        qualifying_rule=season.qualifying_rule,
        threshold_percent=season.classification_threshold_percent,
        threshold_of_class_winner=season.threshold_of_class_winner,
    )
    return classification.classify(
        kind=session.kind,
        classes=classes,
        entries=entries,
        laps=laps,
        penalties=penalties,
        rules=rules,
        overrides=overrides,
    )


def session_result_rows(session: Session) -> QuerySet[ResultRow]:
    """The session's classified rows in overall order, brought up to date first if stale."""
    if session.classified_version != session.results_version:
        from .services import session_classification_refresh

        session_classification_refresh(session=session)
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


def sessions_bring_up_to_date(sessions: QuerySet[Session]) -> None:
    """Recompute the stored rows of those sessions whose results changed since (a query when none did)."""
    from django.db.models import F

    from .services import session_classification_refresh

    for session in sessions.exclude(classified_version=F("results_version")):
        session_classification_refresh(session=session)
