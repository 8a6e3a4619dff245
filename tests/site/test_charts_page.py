"""A session's charts page: the lap chart and the gap chart of each class as inline SVG."""

import re

from django.urls import reverse

from events.models import CarClass, Entry, Lap

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


def hour_laps():
    """#7 completes laps at 1, 2 and 3 h of race time, #91 (alone in LMGTE Pro) 6 minutes after each."""
    for lap in Lap.objects.filter(entry__number="7"):
        lap.elapsed_ms = lap.lap_number * 3_600_000
        lap.save()
    for lap in Lap.objects.filter(entry__number="91"):
        lap.elapsed_ms = lap.lap_number * 3_600_000 + 360_000
        lap.save()


def test_charts_page_shows_an_hour_range_of_the_race(client, session):
    hour_laps()
    html = client.get(CHARTS, {"hours": "1-2", "class": "HYPERCAR"}).content.decode()
    # Laps 1 (ends at 1 h) to 2 (at 2 h) across the width; the tick at 2 h on the right edge.
    assert '<g class="car car-0" data-car="7"><polyline points="44,38 916,38"/>' in html
    assert "each car&#x27;s position in class at the end of laps 1 to 2</title>" in html
    assert '<text class="tick" x="916" y="26" text-anchor="middle">2h</text>' in html
    assert '<input name="hours" value="1-2"' in html
    # The class links keep the hours.
    assert '<a href="?class=LMGTE%20Pro&amp;hours=1-2">LMGTE Pro</a>' in html
    later = client.get(CHARTS, {"hours": "5-6"}).content.decode()
    assert later.count("<p>No laps of this class in race hours 5 to 6.</p>") == 2
    assert '<svg class="chart' not in later


def test_charts_page_says_when_it_cannot_read_the_hours_or_the_car(client, session):
    html = client.get(CHARTS, {"hours": "6-2", "ref": "99"}).content.decode()
    assert "“6-2” is not a range of race hours such as 6-12: the whole race is shown." in html
    assert "No car #99 in this session: gaps are to the class leader." in html
    assert html.count("<h3>Gap to the class leader</h3>") == 2
    assert "“6-2”" in html and '<p class="message error" role="alert">“<' not in html
    escaped = client.get(CHARTS, {"hours": "<b>"}).content.decode()
    assert "“&lt;b&gt;” is not a range of race hours" in escaped


def test_charts_page_draws_gaps_to_a_chosen_car(client, session):
    hypercar = CarClass.objects.get(code="HYPERCAR")
    seven = Entry.objects.get(number="7")
    eight = Entry.objects.create(round=session.round, number="8", car_class=hypercar, team=seven.team, car="Car")
    for lap_number, elapsed in ((1, 91_300), (2, 181_700), (3, 272_000)):
        Lap.objects.create(session=session, entry=eight, lap_number=lap_number, lap_time_ms=90_000, elapsed_ms=elapsed)
    html = client.get(CHARTS, {"ref": "8"}).content.decode()
    assert "<h3>Gap to car #8</h3>" in html and "<h3>Gap to the class leader</h3>" in html  # LMGTE Pro has no #8
    assert "each car&#x27;s gap to car #8 (negative: ahead of it)" in html
    assert '<option value="8" selected>#8</option>' in html
    # #7 to #8: -100, +73, +413 ms; the axis from -1 s (top, y 30) to +1 s (y 292); #8 leads the class, car-0.
    assert '<g class="car car-1" data-car="7"><polyline points="44,147.9 480,170.6 916,215.1"/></g>' in html
    assert '<g class="car car-0" data-car="8"><polyline points="44,161 480,161 916,161"/></g>' in html
    assert '<text class="tick" x="38" y="30" text-anchor="end">−1s</text>' in html


def test_charts_page_offers_legend_data_and_oembed(client, session):
    html = client.get(CHARTS, {"class": "hypercar", "hours": "0-9", "ref": "7"}).content.decode()
    assert '<a href="/api/v1/wec/2021/portimao/qualifying/lap-chart">JSON</a>' in html
    assert '<span class="swatch caution-fcy"></span> full course yellow' in html
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?url=http%3A%2F%2F'
        "testserver%2Fwec%2F2021%2Fportimao%2Fqualifying%2Fcharts%2F%3Fclass%3DHYPERCAR%26hours%3D0-9%26ref%3D7"
        '&amp;format=json"'
    ) in html
    assert (
        "&lt;div data-wecresults-embed=&quot;/embed/wec/2021/portimao/qualifying/charts/"
        "?class=HYPERCAR&amp;hours=0-9&amp;ref=7&quot;&gt;"
    ) in html
    # The season's class colour on each class's heading (classes.css).
    hypercar = CarClass.objects.get(code="HYPERCAR")
    assert f'<section class="charts cls-{hypercar.pk}" aria-labelledby="charts-1">' in html


def test_oembed_of_a_charts_page_frames_its_charts_embed(client, session):
    page = "http://testserver/wec/2021/portimao/qualifying/charts/?class=HYPERCAR&hours=0-9&junk=1"
    response = client.get("/oembed", {"url": page, "format": "json"})
    data = response.json()
    assert response.status_code == 200
    assert data["title"] == "8 Hours of Portimao 2021 – Qualifying: charts"
    src = "http://testserver/embed/wec/2021/portimao/qualifying/charts/?class=HYPERCAR&amp;hours=0-9"
    assert f'<iframe src="{src}" width="640" height="' in data["html"]
    # One class of one car: the frame (60), the class (68 + 252) and the car (11).
    assert data["height"] == 60 + 68 + 252 + 11
    embed = client.get("/embed/wec/2021/portimao/qualifying/charts/?class=HYPERCAR&hours=0-9").content.decode()
    assert embed.count('<svg class="chart') == 2


def test_charts_embed_takes_the_hours_and_the_reference_car(client, session):
    hour_laps()
    html = client.get("/embed/wec/2021/portimao/qualifying/charts/", {"hours": "5-6", "ref": "7"}).content.decode()
    assert html.count("<p>No laps of this class in race hours 5 to 6.</p>") == 2
    html = client.get("/embed/wec/2021/portimao/qualifying/charts/", {"ref": "7"}).content.decode()
    assert "<h2>Hypercar: gap to car #7</h2>" in html and "<h2>LMGTE Pro: gap to the class leader</h2>" in html
