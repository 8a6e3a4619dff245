"""HTTP caching of a season's standings and of the front page: validated by a version of what they
show, kept like results.

The season's version changes with any change to a session of the season (see
``events.results.standings``), so an answer is kept under it, with the scheme, host,
path and only the parameters the view reads: junk parameters miss nothing, and one
host's links are never served to another. A hit costs the version's query and a read
of the results cache; ``If-None-Match`` with the current ETag gets 304.

While one of the season's sessions is live, its standings change with every batch of
laps: its answers, 304s included, may be kept by any cache ``LIVE_SECONDS`` at most, as
the live session's own (``live_caching``), whatever the view said.

The API's routes give the year as text (a page's as a number): both find the season.
A season that does not exist is ``NotFound``, raised to the middleware (the 404 page), and
a query too long is a plain-text 400, unless ``refused(request, status, message)`` answers
them: the API's decorator runs outside its operation, whose exception handler would
otherwise never see them, and it answers JSON.
"""

import functools
import hashlib

from django.core.cache import caches
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.utils import timezone

from .. import selectors
from ..errors import NotFound
from .caching import QUERY_TOO_LONG, KeptAnswer, keep_params, live_caching, query_too_long


def season_cached(view=None, *, params=(), refused=None):
    """Keep the view's successful answers for the season's current results version.

    The view gets the season as ``request.season`` (looked up once) and sees only the
    query parameters named in ``params``. ``refused(request, status, message)`` answers
    for a query too long (400) and a season that does not exist (404).
    """
    if view is None:
        return functools.partial(season_cached, params=params, refused=refused)

    @functools.wraps(view)
    def wrapper(request, *args, championship, year, **kwargs):
        if query_too_long(request):
            if refused is not None:
                return refused(request, 400, QUERY_TOO_LONG)
            return HttpResponseBadRequest(QUERY_TOO_LONG, content_type="text/plain")
        request.results_query = request.GET
        keep_params(request, params)
        try:
            request.season = selectors.season_get(championship=championship, year=_year(year))
        except NotFound as error:
            if refused is None:
                raise
            return refused(request, 404, str(error))
        version, live = selectors.season_standings_state(request.season)
        return versioned_answer(
            request,
            scope=f"season:{request.season.pk}",
            version=version,
            live=live,
            build=lambda: view(request, *args, championship=championship, year=year, **kwargs),
        )

    return wrapper


def home_cached(view):
    """Keep the front page's answers for the version of everything it shows (``selectors.home_state``)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if query_too_long(request):
            return HttpResponseBadRequest(QUERY_TOO_LONG, content_type="text/plain")
        request.results_query = request.GET
        keep_params(request, ())
        request.now = timezone.now()
        version, live = selectors.home_state(request.now)
        return versioned_answer(request, scope="home", version=version, live=live, build=lambda: view(request))

    return wrapper


def versioned_answer(request, *, scope: str, version: str, live: bool, build) -> HttpResponse:
    """``build()``'s answer, kept under ``scope`` and ``version`` with the request's address; its ETag
    from both (``If-None-Match`` with it: 304). While ``live``, caches may keep it ``LIVE_SECONDS`` at most.
    """
    etag = '"' + hashlib.sha256(f"{scope}:{version}".encode()).hexdigest()[:24] + '"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return live_caching(response) if live else response
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
    key = f"{scope}:{hashlib.sha256(f'{version}|{address}'.encode()).hexdigest()[:32]}"
    kept = caches["results"].get(key)
    if kept is not None:
        return kept.answer(request)
    response = build()
    if response.status_code == 200 and not response.streaming:
        response["ETag"] = etag
        if live:  # kept under this version: the next one (not live) keeps its own headers
            live_caching(response)
        if not response.cookies:
            caches["results"].set(key, KeptAnswer.of(response))
    return response


def _year(year: int | str) -> int | str:
    """The year as a number when it is written in digits (text no season has stays text)."""
    if isinstance(year, str) and year.isascii() and year.isdigit():
        return int(year)
    return year
