"""HTTP caching of results: validators from a session's results version, and a server-side cache.

Every response about one session (page, embed, JSON, CSV) carries an ``ETag`` and a
``Last-Modified`` taken from the session's results version, so a conditional request
for unchanged results gets ``304`` and an editor's change gives a new ETag at once.
"""

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from . import selectors
from .errors import NotFound
from .models import Session

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


def cached_response(request, path_kwargs: dict, build):
    """The response for this address and this version of the session's results, built once.

    The key carries the results version and the time of the last change, so an editor's
    change makes the next request build afresh; nothing needs deleting. A hit costs one
    small query (shared with the conditional-request check); ``build`` gets the whole
    session only on a miss.
    """
    stamp = results_stamp(request, **path_kwargs)
    if stamp is None:
        raise Http404(request.results_stamp_error)
    session_id, version, changed_at = stamp
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    changed = changed_at.timestamp() if changed_at else 0
    key = f"response:{session_id}:{version}:{changed}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        content, content_type, headers = cached
        response = HttpResponse(content, content_type=content_type)
        for name, value in headers.items():
            response[name] = value
        return response
    response = build(Session.objects.with_path_parts().get(pk=session_id))
    if response.status_code == 200 and not getattr(response, "streaming", False):
        if hasattr(response, "render"):
            response.render()
        headers = {name: response[name] for name in ("Content-Disposition",) if response.has_header(name)}
        cache.set(key, (response.content, response["Content-Type"], headers), timeout=24 * 3600)
    return response
