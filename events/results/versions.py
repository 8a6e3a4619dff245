"""A session's results version: bumped at every change, read by every cached answer.

The stamp of a session is (id, results version, time of the last change). HTTP
caching keys on it (ETag, Last-Modified, the server-side results cache), so it is read
once per request: from the shared cache when there is one (``WECRESULTS_STAMPS_IN_CACHE``,
on with Redis), otherwise with one query compiled once by the ORM.

The database is the truth; the shared cache holds copies, and a process takes none older
than what the database told it at most ``CHECK_SECONDS`` ago:

- A change forgets the shared stamps of its sessions before its commit and publishes the
  new ones after it, so with the shared cache working every process sees it at once.
- When the shared cache cannot be reached (down, or hung: settings give Redis 0.25 s to
  answer), that step is skipped, and an old stamp may survive it in Redis. So a process
  never takes a stamp from the shared cache without comparing it with the versions of the
  sessions changed in the last ``RECENT_SECONDS``, which it reads from the database at
  most once every ``CHECK_SECONDS`` (one small query a second, whatever the traffic). A
  stamp older than that is deleted from the shared cache and the database answers.

The guarantee: a change committed ``CHECK_SECONDS`` ago is seen by every process, whatever
happened to the shared cache meanwhile; one committed while the shared cache works, at
once. It holds while the servers' clocks agree within a minute and a change commits
within ``RECENT_SECONDS - STAMP_SECONDS`` (four minutes) of its bump: a stamp put in the
shared cache expires after ``STAMP_SECONDS``, so an old one cannot outlive the window.

A live session's stamp changes with every batch of laps, and its answers may be kept by
any cache for seconds (``LIVE_CACHE_CONTROL``): so a process that read it answers from
that reading for ``LIVE_STAMP_SECONDS`` (one second) before it asks again, the origin's
own micro-cache, and polling fans cost it no query at all. Its own changes it sees at once
(``session_results_touch`` forgets the reading); another process's within that second.
Sessions that are not live are read every time: an editor's correction shows at once.

After a failure of the shared cache, a process leaves it alone for ``PAUSE_SECONDS`` and
reads stamps from the database, rather than wait for Redis on every request. The pause is
longer than ``CHECK_SECONDS``, so a process whose change missed the shared cache reads the
recent changes afresh before it trusts the shared cache again: it sees its own change at
once (if the change commits within the pause, as an editor's does).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
from collections.abc import Iterable
from time import monotonic

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from ..addresses import SessionAddress
from ..enums import SessionStatus
from ..errors import NotFound
from ..models import Session

logger = logging.getLogger(__name__)
STAMP_SECONDS = 60  # how long a stamp lives in the shared cache
CHECK_SECONDS = 1.0  # how often a process reads from the database which sessions changed lately
RECENT_SECONDS = 300  # "lately": longer than a stamp lives, with room for slow commits and clocks
PAUSE_SECONDS = 2.0  # how long a process leaves the shared cache alone after it failed; > CHECK_SECONDS
LIVE_STAMP_SECONDS = 1.0  # how long a process answers a live session from the stamp it read

Stamp = tuple[int, int, dt.datetime | None]  # id, results version, last change


def session_results_touch(*, session_ids: Iterable[int]) -> None:
    """Mark the results of these sessions as changed: a new version, recomputed on the next read."""
    ids = {session_id for session_id in session_ids if session_id is not None}
    if ids:
        Session.objects.filter(pk__in=ids).update(
            results_version=F("results_version") + 1, results_updated_at=timezone.now()
        )
        _live_stamps_forget(ids)
        _shared_stamps_changed(ids)


_SENTINELS = SessionAddress("\x00championship", 1, "\x00round", "\x00session")


@functools.cache
def _stamp_query() -> tuple[str, list[str]]:
    """The stamp query compiled once by the ORM: its SQL, and which address part each placeholder takes."""
    query = Session.objects.filter(**_SENTINELS.lookups()).values_list(
        "pk", "results_version", "results_updated_at", "status"
    ).order_by()  # fmt: skip
    sql, params = query.query.sql_with_params()
    parts = {value: name for name, value in _SENTINELS.url_kwargs().items()}
    return sql, [parts[param] for param in params]


def session_results_state(address: SessionAddress) -> tuple[Stamp, str]:
    """The stamp of the session at ``address`` and its status (live ...), read together; NotFound if there is none.

    A change of status touches the session's results, so the stamp tells it too.
    """
    if not address.is_valid():
        raise NotFound(f"No session {address.path}.")
    sql, slots = _stamp_query()
    values = address.url_kwargs()
    with connections[Session.objects.db].cursor() as cursor:
        cursor.execute(sql, [values[slot] for slot in slots])
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"No session {address.path}.")
    session_id, version, changed_at, status = row
    if isinstance(changed_at, str):  # SQLite without type detection
        changed_at = dt.datetime.fromisoformat(changed_at)
    if changed_at is not None and changed_at.tzinfo is None:  # SQLite keeps UTC without a zone
        changed_at = changed_at.replace(tzinfo=dt.UTC)
    return (session_id, version, changed_at), status


def _stamp_key(session_id: int) -> str:
    return f"results-stamp:{session_id}"


def _shared_stamp(session_id: int, version: int, changed_at: dt.datetime | None) -> tuple[int, int, float]:
    """A stamp as the shared cache and the results cache's keys hold it: the time as a number."""
    return (session_id, version, changed_at.timestamp() if changed_at else 0.0)


class _SharedStamps:
    """What this process knows about the shared cache: whether it failed lately, and the
    versions the database gave lately, against which a stamp from it is checked."""

    def __init__(self) -> None:
        self.paused_until = -math.inf  # monotonic time until which the shared cache is left alone
        self.checked_at = -math.inf  # monotonic time of the last read of the recent changes
        self.recent: dict[int, int] = {}  # session id -> results version, for the sessions changed lately

    def call(self, method: str, *args):
        """``caches["default"].method(*args)``; None if the cache fails, or failed lately."""
        if monotonic() < self.paused_until:
            return None
        try:
            return getattr(caches["default"], method)(*args)
        except Exception:  # the shared cache is down or hung: the database still knows
            self.paused_until = monotonic() + PAUSE_SECONDS
            logger.warning("The shared cache failed (%s); stamps come from the database", method, exc_info=True)
            return None

    def known_version(self, session_id: int) -> int:
        """This session's results version in the database at most ``CHECK_SECONDS`` ago; 0 if not changed lately."""
        now = monotonic()
        if now - self.checked_at >= CHECK_SECONDS:
            since = timezone.now() - dt.timedelta(seconds=RECENT_SECONDS)
            rows = Session.objects.filter(results_updated_at__gte=since).values_list("pk", "results_version")
            self.recent = dict(rows.order_by())
            self.checked_at = now
        return self.recent.get(session_id, 0)


_shared = _SharedStamps()


_live_stamps: dict[int, tuple[tuple[int, int, float], float]] = {}  # session id -> stamp, monotonic time it expires


def _live_stamps_forget(session_ids: set[int]) -> None:
    """This process changed these sessions: forget their live stamps now, and again on commit
    (a request may have read the old one from the database meanwhile)."""

    def forget():
        for session_id in session_ids:
            _live_stamps.pop(session_id, None)

    forget()
    transaction.on_commit(forget)


def live_stamps_clear() -> None:
    """Forget every live stamp this process holds (tests: ids repeat from test to test)."""
    _live_stamps.clear()


def current_stamp(address: SessionAddress, session_id: int) -> tuple[int, int, float] | None:
    """(id, results version, time of the last change) of the session now, or None if it is gone.

    A live session's stamp read in the last ``LIVE_STAMP_SECONDS`` by this process is
    taken as it is. With a shared cache the stamp is read from there, so a kept answer
    costs no database query (but the check of recent changes, once a second);
    ``session_results_touch`` keeps it current. Otherwise, when the cache does not have
    it, or has one older than the database, from the database.
    """
    live = _live_stamps.get(session_id)
    if live is not None and monotonic() < live[1]:
        return live[0]
    stamp, status = _stamp_now(address, session_id)
    if stamp is not None and stamp[0] == session_id and status == SessionStatus.LIVE:
        _live_stamps[session_id] = (stamp, monotonic() + LIVE_STAMP_SECONDS)
    return stamp


def _stamp_now(address: SessionAddress, session_id: int) -> tuple[tuple[int, int, float] | None, str]:
    """The session's stamp and status, from the shared cache if it has them, else from the database."""
    shared = settings.WECRESULTS_STAMPS_IN_CACHE
    if shared:
        kept = _shared.call("get", _stamp_key(session_id))
        if kept is not None:
            stamp, status = tuple(kept[:3]), kept[3] if len(kept) > 3 else ""
            if stamp[1] >= _shared.known_version(session_id):
                return stamp, status
            # left behind by a change made while the shared cache was out of reach
            _shared.call("delete", _stamp_key(session_id))
    try:
        (found_id, version, changed_at), status = session_results_state(address)
    except NotFound:
        return None, ""
    stamp = _shared_stamp(found_id, version, changed_at)
    if shared and found_id == session_id:
        # add, not set: a change committed meanwhile has set a newer stamp, which must stay
        _shared.call("add", _stamp_key(session_id), (*stamp, status), STAMP_SECONDS)
    return stamp, status


def _shared_stamps_changed(session_ids: set[int]) -> None:
    """The results of these sessions changed: forget their shared stamps now, publish the new ones on commit.

    A reader that took an old stamp from the database before the commit may put it back
    into the cache (with ``add``) before the commit's ``set``, which then replaces it,
    or after it, when its ``add`` does nothing. If the shared cache fails at either step,
    the change stands, and the readers' check of recent changes catches the old stamp.
    """
    if not settings.WECRESULTS_STAMPS_IN_CACHE or not session_ids:
        return
    ids = sorted(session_ids)
    _shared.call("delete_many", [_stamp_key(session_id) for session_id in ids])

    def publish():
        rows = Session.objects.filter(pk__in=ids).values_list("pk", "results_version", "results_updated_at", "status")
        stamps = {
            _stamp_key(pk): (*_shared_stamp(pk, version, changed_at), status)
            for pk, version, changed_at, status in rows
        }
        _shared.call("set_many", stamps, STAMP_SECONDS)

    transaction.on_commit(publish, robust=True)  # robust: a failure is logged, the commit stands
