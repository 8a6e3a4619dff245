"""HTTP caching of results: validators from a session's results version, and a server-side cache.

Every response about one session (page, embed, JSON, CSV) carries an ``ETag`` and a
``Last-Modified`` taken from the session's results version, so a conditional request
for unchanged results gets ``304`` and an editor's change gives a new ETag at once.
While the session is live, its answers (``304`` too) say that no cache may keep them
longer than ``LIVE_SECONDS``; otherwise each view says how long, as before.

A kept answer is keyed on the parameters its view knows, never on the whole query: a
junk parameter (``?x=123``) would otherwise make every request a miss.
"""

import functools
import hashlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from django.core.cache import caches
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe
from django.views.decorators.http import condition

from ..addresses import SessionAddress
from ..enums import SessionStatus
from ..errors import NotFound
from ..results.versions import current_stamp, session_results_state
from .cors import LIVE_CACHE_CONTROL, SHARED_CACHE_CONTROL, allow_any_origin

MAX_ADDRESSES = 20_000  # addresses whose session the results cache remembers, per process
# Longer queries get 400 before they are parsed: no address of ours needs as much, and
# a miss must not be had for free by making the query long.
MAX_QUERY_CHARS = 2048
QUERY_TOO_LONG = f"The query string is too long (at most {MAX_QUERY_CHARS} characters)."


class KeptFor(NamedTuple):
    """What a kept answer was built for: the session it shows, and the parameters its view read."""

    address: SessionAddress
    session_id: int
    params: frozenset[str]


def canonical_query(query: QueryDict, params: frozenset[str]) -> QueryDict:
    """Only the known ``params`` of ``query``, in sorted order, each with its values in their order.

    The cost depends on the number of known parameters, not on the number sent.
    """
    kept = QueryDict(mutable=True)
    for name in sorted(params):
        values = query.getlist(name)
        if values:
            kept.setlist(name, values)
    kept._mutable = False  # as request.GET is
    return kept


def keep_params(request, params) -> None:
    """Let a ``results_cached`` view read only ``params`` of its query (``request.GET``).

    The view's answer then depends on no other parameter, so the results cache may key it
    on these alone. A view whose parameters depend on what it shows (the session page's
    sort parameters, one per class) calls this once it knows them; the others declare
    theirs to ``results_cached``.
    """
    request.results_params = frozenset(params)
    request.GET = canonical_query(request.results_query, request.results_params)


def query_too_long(request) -> bool:
    return len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_CHARS


def results_stamp(request, *args, **kwargs):
    """(id, results version, last change) of the addressed session, read once per request; None if unknown.

    Its status is read with it, into ``request.results_status``.
    """
    if not hasattr(request, "results_stamp"):
        try:
            request.results_stamp, request.results_status = session_results_state(SessionAddress.from_kwargs(**kwargs))
        except NotFound:  # the view answers 404 itself
            request.results_stamp, request.results_status = None, None
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
_results_validators = condition(etag_func=results_etag, last_modified_func=results_last_modified)


def live_caching(response):
    """Caches may keep this answer of a live session ``LIVE_SECONDS`` at most, whatever the view said."""
    del response["Cache-Control"]
    patch_cache_control(response, **LIVE_CACHE_CONTROL)
    return response


def results_condition(view):
    """The view answers with the ETag and Last-Modified of its session's results, and ``304`` when unchanged.

    While the session is live, its answers, ``304`` as well as ``200``, may be kept by any
    cache ``LIVE_SECONDS`` at most (a ``304`` that said nothing would get the API's minutes).
    """
    validated = _results_validators(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = validated(request, *args, **kwargs)
        if getattr(request, "results_status", None) == SessionStatus.LIVE and response.status_code in (200, 304):
            live_caching(response)
        return response

    return wrapper


def shared_caching(response):
    """For JSON and CSV that news sites fetch: caches and CDNs may keep them briefly."""
    patch_cache_control(response, **SHARED_CACHE_CONTROL)
    return allow_any_origin(response)


def results_cached(view=None, *, params=()):
    """Keep this view's successful answers in the results cache (``ResultsCacheMiddleware``).

    The view must be wrapped in ``results_condition`` (inside this decorator), which
    reads the stamp of the session it shows; an answer is kept for that version of the
    session's results, so any change to them makes the next request build afresh. The
    view sees only the query parameters named in ``params`` (or those it gives
    ``keep_params`` itself), which are all an answer is keyed on; a query longer than
    ``MAX_QUERY_CHARS`` gets 400.
    """
    if view is None:
        return functools.partial(results_cached, params=params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if query_too_long(request):
            return HttpResponseBadRequest(QUERY_TOO_LONG, content_type="text/plain")
        request.results_query = request.GET  # everything sent, for a view that calls keep_params
        keep_params(request, params)
        response = view(request, *args, **kwargs)
        stamp = getattr(request, "results_stamp", None)
        if response.status_code == 200 and not response.streaming and stamp is not None:
            response.results_session = KeptFor(SessionAddress.from_kwargs(**kwargs), stamp[0], request.results_params)
        return response

    return wrapper


# Headers of a kept answer that its 304 repeats: those Django's own 304 keeps, and CORS.
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary")
CORS_HEADERS = ("Access-Control-Allow-Origin", "Access-Control-Expose-Headers")
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class KeptAnswer(NamedTuple):
    """An answer as the results cache keeps it: read back as it is stored, never changed."""

    content: bytes
    headers: Mapping[str, str]  # read-only: each response gets a copy
    last_modified: int | None  # Last-Modified as a timestamp, for conditional requests
    not_modified: Mapping[str, str]  # the headers of its 304

    @classmethod
    def of(cls, response: HttpResponse) -> "KeptAnswer":
        headers = dict(response.items())
        not_modified = {name: headers[name] for name in NOT_MODIFIED_HEADERS + CORS_HEADERS if name in headers}
        return cls(
            response.content,
            MappingProxyType(headers),
            parse_http_date_safe(response.get("Last-Modified")),
            MappingProxyType(not_modified),
        )

    def answer(self, request) -> HttpResponse:
        """This answer again, or what its validators make of a conditional request (304, 412).

        The revalidation of a page or a poller (its ``If-None-Match`` the ETag it was given,
        no other condition) gets its 304 at once; any other conditional request is left to
        Django's ``get_conditional_response``, as ``ConditionalGetMiddleware`` would.
        """
        meta = request.META
        if (
            meta.get("HTTP_IF_NONE_MATCH") == self.headers.get("ETag")
            and "HTTP_IF_MATCH" not in meta
            and "HTTP_IF_UNMODIFIED_SINCE" not in meta
        ):
            return HttpResponseNotModified(headers=self.not_modified)
        response = HttpResponse(self.content, headers=self.headers)
        if not any(name in meta for name in CONDITIONAL_HEADERS):
            return response
        answer = get_conditional_response(
            request, etag=self.headers.get("ETag"), last_modified=self.last_modified, response=response
        )
        if answer is not response:  # 304 or 412: with CORS, and validators as the view gives them
            for name in CORS_HEADERS:
                if name in self.headers:
                    answer[name] = self.headers[name]
            for name in ("ETag", "Last-Modified"):
                if name in self.headers:
                    answer.headers.setdefault(name, self.headers[name])
        return answer


class ResultsCacheMiddleware:
    """Answer again what a ``results_cached`` view answered, while the session's results stay the same.

    It sits just inside WhiteNoise, outside the middlewares of CORS and conditional GET:
    a kept answer carries everything they, the views and the inner middlewares gave it
    (ETag, Cache-Control, CORS, content security policy ...), and a hit goes through no
    other middleware but the security headers. It answers a conditional request on a
    kept answer itself, as ``ConditionalGetMiddleware`` would (304, with CORS). A hit
    costs one read of the session's stamp (from this process's memory while the session
    is live, the shared cache, or one small query) and one read of this process's
    memory. The key is the session's id, results version and time of last change, the
    scheme and host (oEmbed and snippets carry absolute links), the path and only the
    parameters the view knows (``KeptFor.params``), sorted: junk parameters and their
    order change neither the key nor the answer. An entry never goes stale, nothing needs
    deleting when results change. An address is kept from its second successful request on: the first teaches
    which session it shows, and the stamp is always read before the answer is built, so
    a change made meanwhile can only make a kept answer newer than its key, never older.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.session_of_path: dict[str, KeptFor] = {}  # a URL path -> the session it shows, the view's parameters
        # Memory of this process (LocMemCache is safe across threads): looked up once, not per request.
        self.kept = caches["results"]

    def __call__(self, request):
        if request.method != "GET":
            return self.get_response(request)
        known = self.session_of_path.get(request.path)
        key = None
        if known is not None:
            if query_too_long(request):  # as the view would answer, before parsing the query
                return HttpResponseBadRequest(QUERY_TOO_LONG, content_type="text/plain")
            stamp = current_stamp(known.address, known.session_id)
            if stamp is None:
                return self.get_response(request)
            session_id, version, changed = stamp
            # no query at all (a poller's or a page's own address): nothing to parse
            query = canonical_query(request.GET, known.params).urlencode() if request.META.get("QUERY_STRING") else ""
            address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
            digest = hashlib.sha256(address.encode()).hexdigest()[:32]
            key = f"results:{session_id}:{version}:{changed}:{digest}"
            kept = self.kept.get(key)
            if kept is not None:
                return kept.answer(request)
        response = self.get_response(request)
        answered_for = getattr(response, "results_session", None)
        if answered_for is not None and response.status_code == 200 and not response.cookies:
            if key is not None and answered_for == known:
                self.kept.set(key, KeptAnswer.of(response))
            elif known is not None or len(self.session_of_path) < MAX_ADDRESSES:  # /wec/02021/... is /wec/2021/...
                # Learnt, or learnt again: the view read other parameters (a class came or went).
                self.session_of_path[request.path] = answered_for
        return response
