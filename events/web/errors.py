"""One path from "that names nothing" to a 404 page.

Selectors raise ``NotFound`` with a message naming what was asked for; page views let
it rise, and this middleware turns it into Django's 404 (the API answers its own JSON
404 through django-ninja's exception handler).
"""

from django.http import Http404

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
