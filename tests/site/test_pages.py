"""Public pages of the foundation: the home page and its security headers."""

import re

from django.urls import reverse


def test_home_lists_championships_and_seasons(client, demo_shared):
    html = client.get(reverse("events:home")).content.decode()
    assert "<h3>FIA World Endurance Championship</h3>" in html
    assert '<li><a href="/wec/2021/">2021</a>\n        · <a href="/wec/2021/standings/">standings</a></li>' in html


def test_pages_refuse_framing_and_inline_code(client, db):
    response = client.get(reverse("events:home"))
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    html = response.content.decode()
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/events/js/site.js" defer>']
    assert "style=" not in html and "<style" not in html


def test_home_escapes_names(client, session):
    session.round.season.championship.name = "<script>alert(1)</script>"
    session.round.season.championship.save()
    html = client.get(reverse("events:home")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_favicon_points_to_our_icon(client, db):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/events/favicon.svg")
