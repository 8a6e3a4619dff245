"""HTTP caching of results: validators from a session's results version, and a server-side cache.

Every response about one session (page, embed, JSON, CSV) carries an ``ETag`` and a
``Last-Modified`` taken from the session's results version, so a conditional request
for unchanged results gets ``304`` and an editor's change gives a new ETag at once.
"""

import contextlib
import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from . import selectors
from .errors import NotFound
from .models import Session

logger = logging.getLogger(__name__)
STAMP_SECONDS = 60  # how long a stamp in the shared cache may outlive a change made behind our back
MAX_ADDRESSES = 20_000  # addresses whose session the results cache remembers, per process
SHARED_CACHE_CONTROL = {"public": True, "max_age": 60, "s_maxage": 300, "stale_while_revalidate": 600}


def results_stamp(request, championship, year, round, session, **kwargs):
    """(id, results version, last change) of the addressed session, read once per request; None if unknown."""
    if not hasattr(request, "results_stamp"):
        try:
            request.results_stamp = selectors.session_results_stamp(f"{championship}/{year}/{round}/{session}")
        except NotFound as error:
            request.results_stamp = None
            request.results_stamp_error = str(error)
    return request.results_stamp


def results_etag(request, *args, **kwargs):
    stamp = results_stamp(request, *args, **kwargs)
    if stamp is None:
        return None
    session_id, version, changed_at = stamp
    return f"{session_id}-{version}-{int(changed_at.timestamp() * 1000) if changed_at else 0}"


def results_last_modified(request, *args, **kwargs):
    stamp = results_stamp(request, *args, **kwargs)
    return stamp[2] if stamp else None


# ETag and Last-Modified from the session's results version: a conditional request for
# unchanged results gets 304; an editor's change gives a new ETag at once.
results_condition = condition(etag_func=results_etag, last_modified_func=results_last_modified)


def shared_caching(response):
    """For JSON and CSV that news sites fetch: caches and CDNs may keep them briefly."""
    patch_cache_control(response, **SHARED_CACHE_CONTROL)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def results_cached(view):
    """Keep this view's successful answers in the results cache (``ResultsCacheMiddleware``).

    The view must be wrapped in ``results_condition`` (inside this decorator), which
    reads the stamp of the session it shows; an answer is kept for that version of the
    session's results, so any change to them makes the next request build afresh.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        stamp = getattr(request, "results_stamp", None)
        if response.status_code == 200 and not response.streaming and stamp is not None:
            path = "{championship}/{year}/{round}/{session}".format(**kwargs)
            response.results_session = (path, stamp[0])
        return response

    return wrapper


def _stamp_key(session_id: int) -> str:
    return f"results-stamp:{session_id}"


def current_stamp(session_path: str, session_id: int) -> tuple[int, int, float] | None:
    """(id, results version, time of the last change) of the session now, or None if it is gone.

    With a shared cache (``WECRESULTS_STAMPS_IN_CACHE``, on with Redis) the stamp is
    read from there, so a kept answer costs no database query; ``stamps_changed`` keeps
    it current. Otherwise, or when the cache does not have it, from the database.
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
        found_id, version, changed_at = selectors.session_results_stamp(session_path)
    except NotFound:
        return None
    stamp = (found_id, version, changed_at.timestamp() if changed_at else 0.0)
    if shared and found_id == session_id:
        # add, not set: a change committed meanwhile has set a newer stamp, which must stay
        with contextlib.suppress(Exception):
            caches["default"].add(_stamp_key(session_id), stamp, STAMP_SECONDS)
    return stamp


def stamps_changed(session_ids: set[int]) -> None:
    """The results of these sessions changed: forget their stamps now, publish the new ones on commit.

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


class ResultsCacheMiddleware:
    """Answer again what a ``results_cached`` view answered, while the session's results stay the same.

    It sits just inside the middlewares that set headers on every answer, so a kept
    answer carries everything the views and the inner middlewares gave it (ETag,
    Cache-Control, content security policy ...). A hit costs one read of the session's
    stamp (from the shared cache, or one small query) and one read of this process's
    memory. The key is the session's id, results version and time of last change, and
    the full address; an entry never goes stale, nothing needs deleting when results
    change. An address is kept from its second successful request on: the first teaches
    which session it shows, and the stamp is always read before the answer is built, so
    a change made meanwhile can only make a kept answer newer than its key, never older.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_of_path: dict[str, tuple[str, int]] = {}  # an address -> the session it shows, and its id

    def __call__(self, request):
        if request.method != "GET":
            return self.get_response(request)
        known = self.session_of_path.get(request.path)
        key = None
        if known is not None:
            stamp = current_stamp(*known)
            if stamp is None:
                return self.get_response(request)
            session_id, version, changed = stamp
            digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"results:{session_id}:{version}:{changed}:{digest}"
            kept = caches["results"].get(key)
            if kept is not None:
                content, headers = kept
                return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        answered_for = getattr(response, "results_session", None)
        if answered_for is not None and response.status_code == 200 and not response.cookies:
            if key is not None and answered_for == known:
                caches["results"].set(key, (response.content, dict(response.items())))
            elif len(self.session_of_path) < MAX_ADDRESSES:  # /wec/02021/... is /wec/2021/... too
                self.session_of_path[request.path] = answered_for
        return response
