"""HTTP caching of results: validators from a session's results version, and a server-side cache.

Every response about one session (page, embed, JSON, CSV) carries an ``ETag`` and a
``Last-Modified`` taken from the session's results version, so a conditional request
for unchanged results gets ``304`` and an editor's change gives a new ETag at once.
"""

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from . import selectors
from .errors import NotFound

KEEP_SECONDS = 24 * 3600  # a kept answer whose results changed is never asked for again; let it expire
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

    The view names its session by the path arguments ``championship``, ``year``,
    ``round`` and ``session``; an answer is kept for that version of the session's
    results, so any change to them makes the next request build afresh.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response.results_session_path = "{championship}/{year}/{round}/{session}".format(**kwargs)
        return response

    return wrapper


class ResultsCacheMiddleware:
    """Answer again what a ``results_cached`` view answered, while the session's results stay the same.

    It sits just inside the middlewares that set headers on every answer, so a kept
    answer carries everything the views and the inner middlewares gave it (ETag,
    Cache-Control, content security policy ...) and a hit costs one small query and one
    cache read. The key is the session's id, results version and time of last change,
    and the full address; nothing needs deleting when results change. An address is
    kept from its second successful request on: the first teaches which session it
    shows, and the stamp is always read before the answer is built, so a change made
    meanwhile can only make a kept answer newer than its key, never older.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_of_path: dict[str, str] = {}  # an address -> the session it shows

    def __call__(self, request):
        if request.method != "GET":
            return self.get_response(request)
        session_path = self.session_of_path.get(request.path)
        key = None
        if session_path is not None:
            try:
                session_id, version, changed_at = selectors.session_results_stamp(session_path)
            except NotFound:
                return self.get_response(request)
            digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"results:{session_id}:{version}:{changed_at.timestamp() if changed_at else 0}:{digest}"
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        answered_for = getattr(response, "results_session_path", None)
        if answered_for is not None and response.status_code == 200 and not response.cookies:
            if key is not None and answered_for == session_path:
                cache.set(key, (response.content, dict(response.items())), timeout=KEEP_SECONDS)
            elif len(self.session_of_path) < MAX_ADDRESSES:  # /wec/02021/... is /wec/2021/... too
                self.session_of_path[request.path] = answered_for
        return response
