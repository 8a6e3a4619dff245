"""A session's state in the JSON: one of the four in the classification and the schema; while live,
every answer about the session may be kept 10 s at most, and its ETag changes with every lap."""

import pytest

from events import services
from events.models import Entry, Lap, Session
from tests.api.test_api import SHARED

SESSION = "/api/v1/wec/2021/portimao/qualifying"
# Fresh 5 s, then stale 5 s more while a cache fetches anew: never older than 10 s.
LIVE = "public, max-age=5, s-maxage=5, stale-while-revalidate=5"
SESSION_JSON = [
    f"{SESSION}/classification",
    f"{SESSION}/classification.csv",
    f"{SESSION}/laps",
    f"{SESSION}/laps.csv",
    f"{SESSION}/lap-chart",
    f"{SESSION}/car/7/lap-times",
]


def make(session, status):
    services.session_status_set(session=session, status=status, user=None)


@pytest.mark.parametrize("status", ["scheduled", "live", "provisional", "final"])
def test_the_classification_says_the_sessions_state(client, session, status):
    if status != "provisional":
        make(session, status)
    info = client.get(f"{SESSION}/classification").json()["session"]
    changed = Session.objects.get(pk=session.pk).results_updated_at
    assert info == {
        "path": "wec/2021/portimao/qualifying",
        "name": "Qualifying",
        "kind": "qualifying",
        "status": status,
        "updated_at": changed.isoformat(),
    }


def test_the_schema_lists_the_four_states(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["SessionStatus"]["enum"] == ["scheduled", "live", "provisional", "final"]
    assert schemas["SessionInfoOut"]["properties"]["status"] == {"$ref": "#/components/schemas/SessionStatus"}


@pytest.mark.parametrize("url", SESSION_JSON)
def test_while_live_caches_keep_the_sessions_json_10_s_at_most(client, session, url):
    make(session, "live")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == LIVE
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert (again.status_code, again["Cache-Control"]) == (304, LIVE)  # not the API's minutes


@pytest.mark.parametrize("status", ["scheduled", "provisional", "final"])
@pytest.mark.parametrize("url", SESSION_JSON)
def test_otherwise_as_long_as_before(client, session, url, status):
    if status != "provisional":
        make(session, status)
    response = client.get(url)
    assert response["Cache-Control"] == SHARED
    assert client.get(url, headers={"If-None-Match": response["ETag"]})["Cache-Control"] == SHARED


def test_while_live_the_etag_changes_with_every_lap(client, session):
    url = f"{SESSION}/classification"
    before = client.get(url)
    make(session, "live")
    first = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert first.status_code == 200 and first["ETag"] != before["ETag"]  # going live is a change
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304

    seven = Entry.objects.get(number="7")
    Lap.objects.create(session=session, entry=seven, lap_number=4, lap_time_ms=90_100, elapsed_ms=362_513)

    second = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert (second.status_code, second["Cache-Control"]) == (200, LIVE)
    assert second["ETag"] not in (first["ETag"], before["ETag"])
    assert [(row["number"], row["laps"], row["best_lap"]) for row in second.json()["overall"]] == [
        ("7", 4, "1:30.100"),
        ("91", 3, "1:38.127"),
    ]
    assert client.get(url, headers={"If-None-Match": second["ETag"]}).status_code == 304


def test_a_session_that_ends_is_kept_as_long_as_before_at_once(client, session):
    url = f"{SESSION}/classification"
    make(session, "live")
    for _ in range(3):  # the last ones from the results cache
        assert client.get(url)["Cache-Control"] == LIVE
    make(session, "provisional")
    response = client.get(url)
    assert (response["Cache-Control"], response.json()["session"]["status"]) == (SHARED, "provisional")
