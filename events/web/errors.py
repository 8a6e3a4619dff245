"""One path from "that names nothing" to a 404 page, and no NUL character to the database.

Selectors raise ``NotFound`` with a message naming what was asked for; page views let
it rise, and ``NotFoundMiddleware`` turns it into Django's 404 (the API answers its own
JSON 404 through django-ninja's exception handler).

The admin's searches and filters pass what is typed to the database, and PostgreSQL
refuses text with a NUL character (an error, a 500): ``NulCharacterMiddleware`` answers
400 to an admin request whose query has one. Pages and the API check their names and
parameters themselves (404 and 422).
"""

from django.http import Http404, HttpResponseBadRequest

from ..errors import NotFound


class NotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            # Raised here, Django's handler gives the usual 404 page (with the message in DEBUG).
            raise Http404(str(exception)) from exception
        return None


class NulCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and any(
            "\x00" in text for key, values in request.GET.lists() for text in (key, *values)
        ):
            return HttpResponseBadRequest("A NUL character cannot be searched for.", content_type="text/plain")
        return self.get_response(request)
