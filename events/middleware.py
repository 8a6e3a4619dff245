"""Headers every public API answer carries, whichever view made it."""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from .caching import SHARED_CACHE_CONTROL

API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD")


class PublicApiMiddleware:
    """CORS for ``/api/``: anyone may read, from any origin, with no credentials.

    ``Access-Control-Allow-Origin: *`` goes on every read whether or not the request
    names an origin, so one copy in a shared cache serves every site (a reply that
    depended on ``Origin`` would need ``Vary: Origin`` and a copy per site). Preflight
    requests (a page revalidating with ``If-None-Match``) are answered here. A successful
    read that set no ``Cache-Control`` of its own may be kept for a minute (five by
    shared caches).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
            return response
        response = self.get_response(request)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Content-Disposition"
            if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
                patch_cache_control(response, **SHARED_CACHE_CONTROL)
        return response
