"""The lap chart's data as JSON: the contract other tools depend on."""

from events.models import CarClass, Entry, Lap

URL = "/api/v1/wec/2021/portimao/qualifying/lap-chart"


def test_lap_chart_json_per_class_with_positions_and_gaps(client, session):
    hypercar = CarClass.objects.get(code="HYPERCAR")
    seven = Entry.objects.get(number="7")
    eight = Entry.objects.create(round=session.round, number="8", car_class=hypercar, team=seven.team, car="Car")
    for lap_number, elapsed in ((1, 91_300), (2, 181_700)):
        Lap.objects.create(session=session, entry=eight, lap_number=lap_number, lap_time_ms=90_000, elapsed_ms=elapsed)
    response = client.get(URL)
    assert response.status_code == 200 and response["ETag"] and response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "classes": [
            {
                "code": "HYPERCAR",
                "name": "Hypercar",
                "cars": [
                    {"number": "7", "positions": [1, 2, 1], "gaps_ms": [0, 73, 0]},
                    {"number": "8", "positions": [2, 1, None], "gaps_ms": [100, 0, None]},
                ],
            },
            {
                "code": "LMGTE Pro",
                "name": "LMGTE Pro",
                "cars": [{"number": "91", "positions": [1, 1, 1], "gaps_ms": [0, 0, 0]}],
            },
        ],
        "page_url": "/wec/2021/portimao/qualifying/charts/",
        "embed_url": "/embed/wec/2021/portimao/qualifying/charts/",
    }
    # Both addresses draw the lap chart and the gap chart as inline SVG.
    for address in (response.json()["page_url"], response.json()["embed_url"]):
        html = client.get(address).content.decode()
        assert '<svg class="chart lap-chart"' in html and '<svg class="chart gap-chart"' in html


def test_lap_chart_json_of_an_unknown_session_is_a_404_naming_it(client, session):
    response = client.get("/api/v1/wec/2021/portimao/race/lap-chart")
    assert response.status_code == 404
    assert response.json() == {"detail": "No session wec/2021/portimao/race."}


def test_lap_chart_json_follows_a_correction(client, session):
    first = client.get(URL)
    lap = Lap.objects.get(entry__number="91", lap_number=3)
    lap.elapsed_ms = None
    lap.save()
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    # Its last lap has no time at the line any more: the class now has two laps of chart.
    assert second.json()["classes"][1]["cars"] == [{"number": "91", "positions": [1, 1], "gaps_ms": [0, 0]}]
