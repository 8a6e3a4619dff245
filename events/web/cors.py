"""CORS and shared caching: who may read our answers, and how long caches may keep them."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

# JSON, CSV and embeds that news sites fetch: browsers may keep them a minute, shared
# caches (CDNs) five, and serve a stale copy while they fetch a new one.
SHARED_CACHE_CONTROL = {"public": True, "max_age": 60, "s_maxage": 300, "stale_while_revalidate": 600}
# A live session's answers (pages, embeds, JSON, CSV) change with every lap: no cache may
# serve one older than LIVE_SECONDS, fresh for half of it and stale while it fetches anew for the rest.
LIVE_SECONDS = 10
LIVE_CACHE_CONTROL = {
    "public": True,
    "max_age": LIVE_SECONDS // 2,
    "s_maxage": LIVE_SECONDS // 2,
    "stale_while_revalidate": LIVE_SECONDS - LIVE_SECONDS // 2,
}

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD")


def allow_any_origin(response):
    """Any site may read this answer from a browser (no credentials: we set no cookie worth reading)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


class PublicApiMiddleware:
    """CORS for ``/api/``: anyone may read, from any origin, with no credentials.

    ``Access-Control-Allow-Origin: *`` goes on every read whether or not the request
    names an origin, so one copy in a shared cache serves every site (a reply that
    depended on ``Origin`` would need ``Vary: Origin`` and a copy per site). Preflight
    requests (a page revalidating with ``If-None-Match``) are answered here. A successful
    read that set no ``Cache-Control`` of its own may be kept for a minute (five by
    shared caches). ``HEAD`` is answered as ``GET`` without the body (django-ninja routes
    only the methods an operation declares), so link checkers and caches can ask.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = allow_any_origin(HttpResponse(status=204))
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return response
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
            _drop_body(response)
        if request.method in READ_METHODS:
            allow_any_origin(response)
            response["Access-Control-Expose-Headers"] = "ETag, Content-Disposition"
            if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
                patch_cache_control(response, **SHARED_CACHE_CONTROL)
        return response


def _drop_body(response) -> None:
    """The answer to HEAD: GET's status and headers (its Content-Length too), no body."""
    if response.streaming:
        close = getattr(response.streaming_content, "close", None)
        if close is not None:
            close()
        response.streaming_content = []
    else:
        response["Content-Length"] = str(len(response.content))
        response.content = b""
