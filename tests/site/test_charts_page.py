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
    assert '<g class="car car-0" data-car="7"><polyline points="44,24 480,24 916,24"/>' in html
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
