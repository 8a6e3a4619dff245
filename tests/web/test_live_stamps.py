"""While a session is live, a process answers it from the stamp it read for a second
(``LIVE_STAMP_SECONDS``): polling fans cost no query, its own changes show at once and
another process's within that second. Kept answers answer conditional requests themselves."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from events import services
from events.models import Lap, Session
from events.results import versions
from tests.api.test_session_status_api import LIVE
from tests.web.test_caching import Clock

URL = "/api/v1/wec/2021/portimao/qualifying/classification"
PAGE = "/wec/2021/portimao/qualifying/"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(versions, "monotonic", clock)
    return clock


@pytest.fixture
def live(demo):
    session = Session.objects.get(slug="qualifying")
    services.session_status_set(session=session, status="live", user=None)
    return session


def etag_of(session) -> str:
    session.refresh_from_db()
    return f'"{session.pk}-{session.results_version}-{int(session.results_updated_at.timestamp() * 1000)}"'


def bumped_by_another_process(session):
    """What another server process's batch does to the session: this process is not told."""
    Session.objects.filter(pk=session.pk).update(results_version=F("results_version") + 1)
    return etag_of(session)


def test_a_live_session_kept_answer_costs_no_query_within_the_second(client, live):
    for url in (URL, PAGE):
        first = client.get(url)  # teaches the address
        client.get(url)  # kept
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 0, url
        assert (again.content, again["ETag"], again["Cache-Control"]) == (first.content, first["ETag"], LIVE)


def test_another_process_change_is_seen_once_the_second_is_over(client, live, clock):
    client.get(URL)  # teaches the address
    before = client.get(URL)  # kept, its stamp read
    assert before["ETag"] == etag_of(live)
    new_etag = bumped_by_another_process(live)
    clock.now += versions.LIVE_STAMP_SECONDS * 0.9
    assert client.get(URL)["ETag"] == before["ETag"]  # the bound: within the second
    clock.now += versions.LIVE_STAMP_SECONDS * 0.1
    assert client.get(URL)["ETag"] == new_etag


def test_this_process_change_is_seen_at_once(client, live):
    before = client.get(URL)
    assert before.json()["overall"][0]["number"] == "36"
    lap = Lap.objects.get(session=live, entry__number="36", lap_number=3)
    services.lap_time_delete(lap=lap, note="Track limits", user=None)
    after = client.get(URL)  # the clock has not moved
    assert (after["ETag"], after.json()["overall"][0]["number"]) == (etag_of(live), "8")
    assert after["ETag"] != before["ETag"]


def test_a_session_that_is_not_live_is_read_every_time(client, live):
    services.session_status_set(session=live, status="provisional", user=None)
    before = client.get(URL)
    assert before.json()["session"]["status"] == "provisional"
    new_etag = bumped_by_another_process(live)
    assert client.get(URL)["ETag"] == new_etag != before["ETag"]


def test_live_stamps_are_forgotten_again_on_commit(live, django_capture_on_commit_callbacks):
    old = (live.pk, live.results_version, live.results_updated_at.timestamp())
    with django_capture_on_commit_callbacks() as callbacks:
        services.session_results_touch(session_ids=[live.pk])
    assert live.pk not in versions._live_stamps
    # A request read the old stamp from the database before the commit and kept it ...
    versions._live_stamps[live.pk] = (old, versions.monotonic() + versions.LIVE_STAMP_SECONDS)
    for callback in callbacks:  # ... and the commit forgets it
        callback()
    assert live.pk not in versions._live_stamps


def kept_304(client, url, **headers):
    client.get(url)  # teaches the address
    first = client.get(url)  # kept
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(
            url,
            headers={
                key: value.format(etag=first["ETag"], modified=first["Last-Modified"]) for key, value in headers.items()
            },
        )
    assert len(queries) == 0  # from the kept answer
    return first, answer


def test_a_kept_answer_gives_its_304_with_validators_caching_and_cors(client, live):
    first, answer = kept_304(client, URL, **{"If-None-Match": "{etag}"})
    assert answer.status_code == 304 and answer.content == b""
    assert {
        name: answer[name]
        for name in (
            "ETag",
            "Last-Modified",
            "Cache-Control",
            "Access-Control-Allow-Origin",
            "Access-Control-Expose-Headers",
        )
    } == {
        "ETag": etag_of(live),
        "Last-Modified": first["Last-Modified"],
        "Cache-Control": LIVE,
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "ETag, Content-Disposition",
    }
    assert "Content-Type" not in answer


def test_a_kept_answer_gives_304_to_if_modified_since_alone(client, live):
    first, answer = kept_304(client, URL, **{"If-Modified-Since": "{modified}"})
    assert (answer.status_code, answer["ETag"], answer["Access-Control-Allow-Origin"]) == (304, first["ETag"], "*")


def test_a_kept_answer_refuses_a_failed_if_match(client, live):
    first, answer = kept_304(client, URL, **{"If-Match": '"0-0-0"', "If-None-Match": "{etag}"})
    assert (answer.status_code, answer["ETag"], answer["Access-Control-Allow-Origin"]) == (412, first["ETag"], "*")


def test_a_kept_answer_is_given_whole_to_another_etag(client, live):
    first, answer = kept_304(client, URL, **{"If-None-Match": '"0-0-0"'})
    assert (answer.status_code, answer.content, answer["ETag"]) == (200, first.content, first["ETag"])
    assert answer["Access-Control-Allow-Origin"] == "*"
