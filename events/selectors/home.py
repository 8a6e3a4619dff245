"""The front page's reads: what is live, the latest results of each championship with each class's
top three, the next session on the calendar, and who leads each title.

``home_state`` is the version the page is kept under: it changes with any change to any session
(results, status, start, a new or deleted session: every such change bumps a results version or
the count), with the seasons and championships there are, and when the next session's start passes.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Exists, F, OuterRef

from ..core.standings import StandingsRow, StandingsTable
from ..data import standings_rule_sets
from ..enums import SessionStatus
from ..models import Championship, Lap, OfficialResult, ResultRow, Season, Session
from ..results import standings, store
from .calendar import championships_list

FINISHED = (SessionStatus.PROVISIONAL, SessionStatus.FINAL)
PODIUM = 3  # the top of each class shown
SEASONS_LOOKED_AT = 2  # for each championship's leaders: its newest seasons, until one has standings


@dataclass(frozen=True)
class ClassTop:
    """One class of a session: its code, colour class id and first rows (class positions 1 to 3)."""

    code: str
    class_id: int
    rows: list[ResultRow]


@dataclass(frozen=True)
class LatestResults:
    session: Session
    classes: list[ClassTop]


@dataclass(frozen=True)
class SeasonLeaders:
    """Each title of the season and the row(s) at its top (more than one when tied)."""

    season: Season
    titles: list[tuple[StandingsTable, list[StandingsRow]]]


@dataclass(frozen=True)
class FrontPage:
    live: list[Session]
    latest: list[LatestResults]
    next_session: Session | None
    leaders: list[SeasonLeaders]
    championships: list[Championship]


@cache
def _rules_digest() -> str:
    return hashlib.sha256(repr(standings_rule_sets()).encode()).hexdigest()[:12]


def home_state(now: dt.datetime) -> tuple[str, bool]:
    """(a version of everything the front page shows at ``now``, whether a session is live now).

    One statement (the front page's every kept answer pays for it): the sessions' count, newest id,
    sum of results versions, last change, how many are live and the next start after ``now``;
    the seasons' and the championships' count and newest id.
    """
    sessions, seasons, championships = (model._meta.db_table for model in (Session, Season, Championship))
    sql = f"""
        SELECT s.*, se.*, c.* FROM
          (SELECT COUNT(*), MAX(id), SUM(results_version), MAX(results_updated_at),
                  SUM(CASE WHEN status = %s THEN 1 ELSE 0 END),
                  MIN(CASE WHEN status = %s AND start >= %s THEN start END) FROM {sessions}) AS s,
          (SELECT COUNT(*), MAX(id) FROM {seasons}) AS se,
          (SELECT COUNT(*), MAX(id) FROM {championships}) AS c
    """  # noqa: S608 (the tables' names are the models', not input)
    params = [SessionStatus.LIVE, SessionStatus.SCHEDULED, connection.ops.adapt_datetimefield_value(now)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, newest, versions, changed, live, next_start, *others = cursor.fetchone()
    parts = [count, newest, versions, changed, next_start, *others, _rules_digest(), standings.STORED_FORMAT]
    return ":".join(str(part) for part in parts), bool(live)


def live_sessions() -> list[Session]:
    """Sessions live now, in the order they started."""
    return list(Session.objects.with_path_parts().filter(status=SessionStatus.LIVE).order_by("start", "pk"))


def next_session(now: dt.datetime) -> Session | None:
    """The first scheduled session starting at ``now`` or later."""
    upcoming = Session.objects.with_path_parts().filter(status=SessionStatus.SCHEDULED, start__gte=now)
    return upcoming.order_by("start", "pk").first()


def latest_results() -> list[LatestResults]:
    """Each championship's latest finished session that has times, newest first, with each class's top three."""
    timed = Exists(Lap.objects.filter(session=OuterRef("pk"))) | Exists(
        OfficialResult.objects.filter(session=OuterRef("pk"))
    )
    candidates = (
        Session.objects.filter(timed, status__in=FINISHED)
        .order_by(F("start").desc(nulls_last=True), "-pk")
        .values_list("pk", "round__season__championship_id")
    )
    chosen: dict[int, int] = {}  # championship -> its latest session
    for session_id, championship_id in candidates:
        chosen.setdefault(championship_id, session_id)
    sessions = Session.objects.with_path_parts().filter(pk__in=chosen.values())
    store.sessions_bring_up_to_date(sessions)
    rows = (
        ResultRow.objects.filter(session__in=chosen.values(), class_position__lte=PODIUM)
        .select_related("entry__team", "entry__car_class")
        .order_by("entry__car_class__display_order", "entry__car_class__code", "class_position", "row_order")
    )
    by_session: dict[int, dict[int, ClassTop]] = {}
    for row in rows:
        car_class = row.entry.car_class
        classes = by_session.setdefault(row.session_id, {})
        classes.setdefault(car_class.pk, ClassTop(car_class.code, car_class.pk, [])).rows.append(row)
    ordered = sorted(sessions, key=lambda s: (s.start is not None, s.start or dt.datetime.min, s.pk), reverse=True)
    return [LatestResults(session, list(by_session.get(session.pk, {}).values())) for session in ordered]


def season_leaders(championships: list[Championship]) -> list[SeasonLeaders]:
    """For each championship, its newest season with standings and the top of each of its titles."""
    found = []
    for championship in championships:
        for season in list(championship.seasons.all())[:SEASONS_LOOKED_AT]:
            tables = standings.season_standings(season).tables
            titles = [(table, [row for row in table.rows if row.position == 1]) for table in tables if table.rows]
            if titles:
                found.append(SeasonLeaders(season, titles))
                break
    return found


def front_page(now: dt.datetime) -> FrontPage:
    championships = championships_list()
    return FrontPage(
        live=live_sessions(),
        latest=latest_results(),
        next_session=next_session(now),
        leaders=season_leaders(championships),
        championships=championships,
    )
