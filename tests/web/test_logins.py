"""Whose address a login comes from: the connection's, or the one our proxies forwarded."""

import pytest
from django.test import RequestFactory

from events.web.logins import client_ip

pytestmark = pytest.mark.django_db(databases=[])


def request_from(remote_addr, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.2"),
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy of ours: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the client wrote the first one
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (1, "2001:db8::7", "2001:db8::7"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer addresses than proxies: not through ours
        (1, None, "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "203.0.113.9, ", "10.0.0.2"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.WECRESULTS_TRUSTED_PROXIES = proxies
    assert client_ip(request_from("10.0.0.2", forwarded)) == expected
