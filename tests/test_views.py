"""Public pages of the foundation: the home page and its security headers."""

import re

from django.urls import reverse


def test_home_lists_the_demo_round_and_session(client, demo):
    response = client.get(reverse("events:home"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "FIA World Endurance Championship 2021 8 Hours of Portimao , Autodromo Internacional do Algarve, " \
           "11 June 2021 Qualifying (provisional)" in text


def test_pages_refuse_framing_and_inline_code(client, db):
    response = client.get(reverse("events:home"))
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "<script" not in response.content.decode() and "style=" not in response.content.decode()


def test_home_escapes_names(client, session):
    session.round.season.championship.name = "<script>alert(1)</script>"
    session.round.season.championship.save()
    html = client.get(reverse("events:home")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
