"""A session's charts page: the lap chart and the gap chart of each class as inline SVG."""

import re

from django.urls import reverse

from events.models import CarClass

CHARTS = "/wec/2021/portimao/qualifying/charts/"


def test_charts_page_draws_each_class_lap_chart_and_gap_chart(client, session):
    response = client.get(CHARTS)
    html = response.content.decode()
    assert response.status_code == 200 and response["ETag"]
    assert re.findall(r"<h2 id=\"charts-\d\">([^<]*)</h2>", html) == ["Hypercar", "LMGTE Pro"]
    # #7's laps end at 91,200 / 181,773 / 272,413 ms: alone in its class, P1 at every lap, 0 s behind.
    assert '<g class="car car-0" data-car="7"><polyline points="44,38 480,38 916,38"/>' in html
    assert html.count('<svg class="chart lap-chart"') == 2 and html.count('<svg class="chart gap-chart"') == 2
    assert "style=" not in html and "<style" not in html
    assert "<strong>All classes</strong>" in html


def test_charts_page_shows_the_classes_asked_for(client, session):
    html = client.get(CHARTS, {"class": "lmgte pro", "junk": "1"}).content.decode()
    assert re.findall(r"<h2 id=\"charts-\d\">([^<]*)</h2>", html) == ["LMGTE Pro"]
    assert '<a href="?class=HYPERCAR">Hypercar</a> · <strong>LMGTE Pro</strong>' in html


def test_charts_page_escapes_class_names(client, session):
    CarClass.objects.filter(code="HYPERCAR").update(name="<img src=x onerror=alert(1)>")
    html = client.get(CHARTS).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_session_page_links_to_its_charts(client, session):
    html = client.get(reverse("events:session", args=["wec", 2021, "portimao", "qualifying"])).content.decode()
    assert f'<a href="{CHARTS}">Charts</a>' in html


def test_charts_page_of_an_unknown_session_is_a_404(client, session):
    assert client.get("/wec/2021/portimao/race/charts/").status_code == 404


def test_charts_page_offers_the_embed_snippet_of_the_classes_shown(client, session):
    html = client.get(CHARTS, {"class": "HYPERCAR"}).content.decode()
    assert (
        '<textarea readonly rows="3" cols="80" aria-label="Embed code">'
        "&lt;div data-wecresults-embed=&quot;/embed/wec/2021/portimao/qualifying/charts/?class=HYPERCAR&quot;&gt;"
        "&lt;/div&gt;\n"
        "&lt;script src=&quot;http://testserver/static/events/js/embed.js&quot; async&gt;&lt;/script&gt;</textarea>"
    ) in html


def test_charts_embed_frames_the_charts_of_the_class_asked_for(client, session):
    response = client.get("/embed/wec/2021/portimao/qualifying/charts/", {"class": "HYPERCAR", "theme": "dark"})
    html = response.content.decode()
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert '<html lang="en" data-theme="dark">' in html
    assert re.findall(r"<h2>([^<]*)</h2>", html) == ["Hypercar: lap chart", "Hypercar: gap to the class leader"]
    assert '<g class="car car-0" data-car="7"><polyline points="44,38 480,38 916,38"/>' in html
    assert (
        '<a href="http://testserver/wec/2021/portimao/qualifying/charts/?class=HYPERCAR&amp;theme=dark" '
        'target="_blank" rel="noopener">Charts and full results on wecresults</a>'
    ) in html
    assert "style=" not in html and re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/static/events/js/embed-frame.js" defer>',
        '<script src="/static/events/js/charts.js" defer>',
    ]
