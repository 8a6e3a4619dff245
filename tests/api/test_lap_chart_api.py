"""The lap chart's data as JSON: the contract other tools depend on."""

from events.models import CarClass, Entry, Lap

URL = "/api/v1/wec/2021/portimao/qualifying/lap-chart"


def test_lap_chart_json_per_class_with_positions_and_gaps(client, session):
    hypercar = CarClass.objects.get(code="HYPERCAR")
    seven = Entry.objects.get(number="7")
    eight = Entry.objects.create(round=session.round, number="8", car_class=hypercar, team=seven.team, car="Car")
    for lap_number, elapsed, flag in ((1, 91_300, "GF"), (2, 181_700, "FCY")):
        Lap.objects.create(
            session=session,
            entry=eight,
            lap_number=lap_number,
            lap_time_ms=90_000,
            elapsed_ms=elapsed,
            crossed_line_in_pit=lap_number == 2,
            flag_at_line=flag,
        )
    response = client.get(URL)
    assert response.status_code == 200 and response["ETag"] and response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "classes": [
            {
                "code": "HYPERCAR",
                "name": "Hypercar",
                "cars": [
                    {"number": "7", "positions": [1, 2, 1], "gaps_ms": [0, 73, 0], "pit_laps": []},
                    {"number": "8", "positions": [2, 1, None], "gaps_ms": [100, 0, None], "pit_laps": [2]},
                ],
                "leader_elapsed_ms": [91_200, 181_700, 272_413],
                # #8 crossed under the FCY at 181,700 ms: the leader's lap 2 (91,200 to 181,700) overlaps it.
                "cautions": [{"flag": "FCY", "first_lap": 2, "last_lap": 2}],
            },
            {
                "code": "LMGTE Pro",
                "name": "LMGTE Pro",
                "cars": [{"number": "91", "positions": [1, 1, 1], "gaps_ms": [0, 0, 0], "pit_laps": []}],
                "leader_elapsed_ms": [98_893, 197_295, 295_422],
                # The FCY seen at 181,700 ms (all cars together) falls in #91's lap 2, 98,893 to 197,295.
                "cautions": [{"flag": "FCY", "first_lap": 2, "last_lap": 2}],
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
    assert second.json()["classes"][1]["cars"] == [
        {"number": "91", "positions": [1, 1], "gaps_ms": [0, 0], "pit_laps": []}
    ]
