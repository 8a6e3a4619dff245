"""A selector's NotFound raised in a page view is the 404 page, naming what was asked for."""

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from events.errors import InvalidChange, NotFound
from events.web.errors import NotFoundMiddleware


def test_not_found_becomes_http_404_with_its_message():
    middleware = NotFoundMiddleware(lambda request: HttpResponse())
    with pytest.raises(Http404, match=r"^No session wec/2021/portimao/sprint\.$"):
        middleware.process_exception(RequestFactory().get("/"), NotFound("No session wec/2021/portimao/sprint."))


def test_other_errors_are_left_to_django():
    middleware = NotFoundMiddleware(lambda request: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/"), InvalidChange("no")) is None


def test_an_unknown_session_page_is_a_404_naming_it(client, db, settings):
    settings.DEBUG = True  # the technical 404 page shows the message
    response = client.get("/wec/2021/portimao/sprint/")
    assert response.status_code == 404
    assert "No session wec/2021/portimao/sprint." in response.content.decode()
