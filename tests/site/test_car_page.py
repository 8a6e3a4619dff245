"""A car's page: its lap-time chart and stint timeline as inline SVG above the lap table, the
stints and the drivers' best laps as tables, and a link to the same as JSON."""

import re

from events import services
from events.models import Lap
from tests.helpers import table_rows

CAR = "/wec/2021/portimao/qualifying/car/7/"


def test_car_page_draws_lap_times_and_stints_above_the_lap_table(client, seven_with_stints):
    html = client.get(CAR).content.decode()
    assert html.index('<svg class="chart lap-times"') < html.index('<svg class="chart stints"')
    assert html.index('<svg class="chart stints"') < html.index('<table class="laps"')
    assert '<div class="chart-scroll"><svg class="chart lap-times"' in html
    assert '<div class="chart-scroll"><svg class="chart stints"' in html
    assert '<link rel="stylesheet" href="/static/events/css/charts.css">' in html
    assert re.findall(r"<script\b[^>]*>", html) == [
        '<script src="/static/events/js/charts.js" defer>',
        '<script src="/static/events/js/site.js" defer>',
    ]
    assert "style=" not in html and "<style" not in html
    assert '<a href="/api/v1/wec/2021/portimao/qualifying/car/7/lap-times">lap times and stints</a>' in html


def test_car_page_says_the_stints_and_best_laps_in_tables_names_escaped(client, seven_with_stints):
    html = client.get(CAR).content.decode()
    stints = html[html.index('<table class="stints">') : html.index("</table>", html.index('<table class="stints">'))]
    assert table_rows(stints) == [
        ["Stint", "Driver", "Laps", "Length", "Best lap", "On lap", "Pit"],
        ["1", "Mike Conway", "1–2", "2", "1:30.573", "2", "In"],
        ["2", "Jack O'Brien <b>", "3", "1", "", "", ""],
        ["3", "Unknown driver", "4", "1", "1:32.000", "4", ""],
    ]
    bests = html[html.index('<table class="driver-bests">') :]
    assert table_rows(bests[: bests.index("</table>")]) == [
        ["Driver", "Best lap", "On lap"],
        ["Mike Conway", "1:30.573", "2"],
        ["Jack O'Brien <b>", "", ""],
        ["Unknown driver", "1:32.000", "4"],
    ]
    assert "<td>Jack O&#x27;Brien &lt;b&gt;</td>" in html and "O'Brien <b>" not in html


def test_a_car_without_laps_has_no_charts(client, session):
    Lap.objects.filter(entry__number="7").delete()
    html = client.get(CAR).content.decode()
    assert "<svg" not in html and "Lap times and stints" not in html


def test_car_page_is_kept_until_a_lap_changes(client, session):
    url = CAR
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    lap = Lap.objects.get(entry__number="7", lap_number=2)
    services.lap_time_delete(lap=lap, note="Turn 5", user=None)
    second = client.get(url)
    assert second["ETag"] != first["ETag"]
    assert "1:30.573" in second.content.decode() and "Track limits" in second.content.decode()
