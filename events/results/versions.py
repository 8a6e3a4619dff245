"""A session's results version: bumped at every change, read by every cached answer.

The stamp of a session is (id, results version, time of the last change). HTTP
caching keys on it (ETag, Last-Modified, the server-side results cache), so it is read
once per request: from the shared cache when there is one (``WECRESULTS_STAMPS_IN_CACHE``,
on with Redis), otherwise with one query compiled once by the ORM.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from ..addresses import SessionAddress
from ..errors import NotFound
from ..models import Session

logger = logging.getLogger(__name__)
STAMP_SECONDS = 60  # how long a stamp in the shared cache may outlive a change made behind our back

Stamp = tuple[int, int, dt.datetime | None]  # id, results version, last change


def session_results_touch(*, session_ids: Iterable[int]) -> None:
    """Mark the results of these sessions as changed: a new version, recomputed on the next read."""
    ids = {session_id for session_id in session_ids if session_id is not None}
    if ids:
        Session.objects.filter(pk__in=ids).update(
            results_version=F("results_version") + 1, results_updated_at=timezone.now()
        )
        _shared_stamps_changed(ids)


_SENTINELS = SessionAddress("\x00championship", 1, "\x00round", "\x00session")


@functools.cache
def _stamp_query() -> tuple[str, list[str]]:
    """The stamp query compiled once by the ORM: its SQL, and which address part each placeholder takes."""
    query = Session.objects.filter(**_SENTINELS.lookups()).values_list(
        "pk", "results_version", "results_updated_at"
    ).order_by()  # fmt: skip
    sql, params = query.query.sql_with_params()
    parts = {value: name for name, value in _SENTINELS.url_kwargs().items()}
    return sql, [parts[param] for param in params]


def session_results_stamp(address: SessionAddress) -> Stamp:
    """(id, results version, last change) of the session at ``address``; NotFound if there is none."""
    if not address.is_valid():
        raise NotFound(f"No session {address.path}.")
    sql, slots = _stamp_query()
    values = address.url_kwargs()
    with connections[Session.objects.db].cursor() as cursor:
        cursor.execute(sql, [values[slot] for slot in slots])
        row = cursor.fetchone()
    if row is None:
        raise NotFound(f"No session {address.path}.")
    session_id, version, changed_at = row
    if isinstance(changed_at, str):  # SQLite without type detection
        changed_at = dt.datetime.fromisoformat(changed_at)
    if changed_at is not None and changed_at.tzinfo is None:  # SQLite keeps UTC without a zone
        changed_at = changed_at.replace(tzinfo=dt.UTC)
    return session_id, version, changed_at


def _stamp_key(session_id: int) -> str:
    return f"results-stamp:{session_id}"


def current_stamp(address: SessionAddress, session_id: int) -> tuple[int, int, float] | None:
    """(id, results version, time of the last change) of the session now, or None if it is gone.

    With a shared cache the stamp is read from there, so a kept answer costs no database
    query; ``session_results_touch`` keeps it current. Otherwise, or when the cache does
    not have it, from the database.
    """
    shared = settings.WECRESULTS_STAMPS_IN_CACHE
    if shared:
        try:
            stamp = caches["default"].get(_stamp_key(session_id))
        except Exception:  # the shared cache is down: the database still knows
            stamp, shared = None, False
        if stamp is not None:
            return stamp
    try:
        found_id, version, changed_at = session_results_stamp(address)
    except NotFound:
        return None
    stamp = (found_id, version, changed_at.timestamp() if changed_at else 0.0)
    if shared and found_id == session_id:
        # add, not set: a change committed meanwhile has set a newer stamp, which must stay
        with contextlib.suppress(Exception):
            caches["default"].add(_stamp_key(session_id), stamp, STAMP_SECONDS)
    return stamp


def _shared_stamps_changed(session_ids: set[int]) -> None:
    """The results of these sessions changed: forget their shared stamps now, publish the new ones on commit.

    A reader that took an old stamp from the database before the commit may put it back
    into the cache (with ``add``) before the commit's ``set``, which then replaces it,
    or after it, when its ``add`` does nothing.
    """
    if not settings.WECRESULTS_STAMPS_IN_CACHE or not session_ids:
        return
    ids = sorted(session_ids)
    try:
        caches["default"].delete_many([_stamp_key(session_id) for session_id in ids])
    except Exception:  # an editor's change must not fail because the cache is down; stamps expire
        logger.warning("Could not forget the results stamps of sessions %s", ids, exc_info=True)

    def publish():
        rows = Session.objects.filter(pk__in=ids).values_list("pk", "results_version", "results_updated_at")
        caches["default"].set_many(
            {
                _stamp_key(pk): (pk, version, changed_at.timestamp() if changed_at else 0.0)
                for pk, version, changed_at in rows
            },
            STAMP_SECONDS,
        )

    transaction.on_commit(publish, robust=True)  # robust: a failure is logged, the commit stands
