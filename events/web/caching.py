"""HTTP caching of results: validators from a session's results version, and a server-side cache.

Every response about one session (page, embed, JSON, CSV) carries an ``ETag`` and a
``Last-Modified`` taken from the session's results version, so a conditional request
for unchanged results gets ``304`` and an editor's change gives a new ETag at once.
"""

import functools
import hashlib

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from ..addresses import SessionAddress
from ..errors import NotFound
from ..results.versions import current_stamp, session_results_stamp
from .cors import SHARED_CACHE_CONTROL, allow_any_origin

MAX_ADDRESSES = 20_000  # addresses whose session the results cache remembers, per process


def results_stamp(request, *args, **kwargs):
    """(id, results version, last change) of the addressed session, read once per request; None if unknown."""
    if not hasattr(request, "results_stamp"):
        try:
            request.results_stamp = session_results_stamp(SessionAddress.from_kwargs(**kwargs))
        except NotFound:  # the view answers 404 itself
            request.results_stamp = None
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
    return allow_any_origin(response)


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
            response.results_session = (SessionAddress.from_kwargs(**kwargs), stamp[0])
        return response

    return wrapper


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
        self.session_of_path: dict[str, tuple[SessionAddress, int]] = {}  # a URL path -> the session it shows

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
