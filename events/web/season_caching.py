"""HTTP caching of a season's standings: validated by the season's results version, kept like results.

The season's version changes with any change to a session of the season (see
``events.results.standings``), so an answer is kept under it, with the scheme, host,
path and only the parameters the view reads: junk parameters miss nothing, and one
host's links are never served to another. A hit costs the version's query and a read
of the results cache; ``If-None-Match`` with the current ETag gets 304.
"""

import functools
import hashlib

from django.core.cache import caches
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified

from .. import selectors
from .caching import QUERY_TOO_LONG, keep_params, query_too_long


def season_cached(view=None, *, params=()):
    """Keep the view's successful answers for the season's current results version.

    The view gets the season as ``request.season`` (looked up once) and sees only the
    query parameters named in ``params``.
    """
    if view is None:
        return functools.partial(season_cached, params=params)

    @functools.wraps(view)
    def wrapper(request, *args, championship, year, **kwargs):
        if query_too_long(request):
            return HttpResponseBadRequest(QUERY_TOO_LONG, content_type="text/plain")
        request.results_query = request.GET
        keep_params(request, params)
        # The site's paths give the year as a number; the API's (through ``decorate_view``) as text.
        year_number = int(year) if str(year).isascii() and str(year).isdigit() else year
        request.season = selectors.season_get(championship=championship, year=year_number)
        version = selectors.season_standings_version(request.season)
        etag = '"' + hashlib.sha256(f"{request.season.pk}:{version}".encode()).hexdigest()[:24] + '"'
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        address = f"{request.scheme}://{request.get_host()}{request.path}?{request.GET.urlencode()}"
        key = f"season:{request.season.pk}:{hashlib.sha256(f'{version}|{address}'.encode()).hexdigest()[:32]}"
        kept = caches["results"].get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = view(request, *args, championship=championship, year=year, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = etag
            if not response.cookies:
                caches["results"].set(key, (response.content, dict(response.items())))
        return response

    return wrapper
