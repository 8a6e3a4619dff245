"""A car's lap times and stints as JSON: the contract other tools depend on."""

from events.models import Lap

URL = "/api/v1/wec/2021/portimao/qualifying/car/7/lap-times"


def test_car_lap_times_json_with_stints_and_drivers_best_laps(client, seven_with_stints):
    response = client.get(URL)
    assert response.status_code == 200 and response["ETag"] and response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "number": "7",
        "laps": [
            {"lap": 1, "lap_time_ms": 91200, "driver": "Mike Conway", "deleted": False, "pit_in": False,
             "pit_out": False, "flag": ""},
            {"lap": 2, "lap_time_ms": 90573, "driver": "Mike Conway", "deleted": False, "pit_in": True,
             "pit_out": False, "flag": "SF"},
            {"lap": 3, "lap_time_ms": 90640, "driver": "Jack O'Brien <b>", "deleted": True, "pit_in": False,
             "pit_out": True, "flag": ""},
            {"lap": 4, "lap_time_ms": 92000, "driver": "", "deleted": False, "pit_in": False, "pit_out": False,
             "flag": "GF"},
        ],
        "stints": [
            {"driver": "Mike Conway", "first_lap": 1, "last_lap": 2, "laps": 2, "best_lap_ms": 90573, "best_lap": 2},
            {"driver": "Jack O'Brien <b>", "first_lap": 3, "last_lap": 3, "laps": 1, "best_lap_ms": None,
             "best_lap": None},
            {"driver": "", "first_lap": 4, "last_lap": 4, "laps": 1, "best_lap_ms": 92000, "best_lap": 4},
        ],
        "drivers": [
            {"name": "Mike Conway", "best_lap_ms": 90573, "best_lap": 2},
            {"name": "Jack O'Brien <b>", "best_lap_ms": None, "best_lap": None},
            {"name": "", "best_lap_ms": 92000, "best_lap": 4},
        ],
        "page_url": "/wec/2021/portimao/qualifying/car/7/",
    }  # fmt: skip
    html = client.get(response.json()["page_url"]).content.decode()
    assert '<svg class="chart lap-times"' in html and '<svg class="chart stints"' in html


def test_car_lap_times_json_of_an_unknown_car_or_session_is_a_404_naming_it(client, session):
    response = client.get("/api/v1/wec/2021/portimao/qualifying/car/007/lap-times")
    assert response.status_code == 404
    assert response.json() == {"detail": "No car #007 is entered in wec/2021/portimao/qualifying."}
    response = client.get("/api/v1/wec/2021/portimao/race/car/7/lap-times")
    assert (response.status_code, response.json()) == (404, {"detail": "No session wec/2021/portimao/race."})
    response = client.get("/api/v1/wec/2021/portimao/qualifying/car/7-1/lap-times")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["path", "number"]


def test_car_lap_times_json_follows_a_correction_and_answers_304_until_then(client, seven_with_stints):
    first = client.get(URL)
    assert client.get(URL, headers={"If-None-Match": first["ETag"]}).status_code == 304
    Lap.objects.filter(entry=seven_with_stints, lap_number=3).update(is_time_deleted=False, deletion_reason="")
    Lap.objects.get(entry=seven_with_stints, lap_number=3).save()  # the results version changes on save
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    assert second.json()["drivers"][1] == {"name": "Jack O'Brien <b>", "best_lap_ms": 90640, "best_lap": 3}
