"""The results cache with its stamps in a shared cache (Redis), as several server processes use it:
a kept answer costs no database query, and an editor's change is seen at once."""

import os
import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.models import Championship, Lap, Season, Session
from events.results import versions

PAGE = "/wec/2021/portimao/qualifying/"
EMBED = "/embed/wec/2021/portimao/qualifying/?class=HYPERCAR"
JSON_URL = "/api/v1/wec/2021/portimao/qualifying/classification"
REDIS = ("127.0.0.1", 6379)
# Each pytest-xdist worker clears a Redis database of its own: gw0 uses 15, gw1 14 ... gw7 8.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
REDIS_DB = 15 - WORKER


def redis_answers() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


class Clock:
    """The clock of the stamps' checks and pauses, moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Each test is a process of its own: it has not looked at the shared cache yet, and its clock stands still."""
    clock = Clock()
    monkeypatch.setattr(versions, "monotonic", clock)
    monkeypatch.setattr(versions, "_shared", versions._SharedStamps())
    return clock


def redis_at(settings, location: str) -> dict:
    """The caches, with the default one Redis at this location, configured as REDIS_URL configures it."""
    default = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }
    return {**settings.CACHES, "default": default}


REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture
def shared_stamps(settings):
    if not redis_answers():
        pytest.skip(f"no Redis on {REDIS[0]}:{REDIS[1]}")
    if WORKER >= 8:  # databases 0 to 7 may be someone's
        pytest.skip(f"pytest-xdist worker {WORKER}: Redis databases 8 to 15 go to workers 0 to 7")
    settings.CACHES = redis_at(settings, f"redis://127.0.0.1:6379/{REDIS_DB}")
    settings.WECRESULTS_STAMPS_IN_CACHE = True
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def stamp_in_cache(session):
    return caches["default"].get(f"results-stamp:{session.pk}")


def test_a_kept_answer_costs_no_query(client, demo_shared, shared_stamps, clock):
    for url in (PAGE, EMBED, JSON_URL):
        first = client.get(url)  # teaches the address
        client.get(url)  # kept, its stamp put in the shared cache
        client.get(url)  # the process's first stamp from the shared cache: it reads the recent changes
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 0, url
        assert again.content == first.content and again["ETag"] == first["ETag"]
    clock.now += versions.CHECK_SECONDS  # a second later, the recent changes are read again, once
    with CaptureQueriesContext(connection) as queries:
        client.get(JSON_URL)
        client.get(PAGE)
    assert len(queries) == 1
    assert '"results_updated_at" >= ' in queries[0]["sql"]


def test_an_editors_change_is_seen_at_once(client, demo, shared_stamps):
    for _ in range(3):
        first = client.get(JSON_URL)
    session = Session.objects.get(slug="qualifying")
    assert stamp_in_cache(session)[1] == session.results_version
    lap = Lap.objects.get(session=session, entry__number="36", lap_number=3)
    services.lap_time_delete(lap=lap, note="Track limits", user=None)
    assert stamp_in_cache(session) is None  # forgotten at once, before the commit
    second = client.get(JSON_URL)
    assert second["ETag"] != first["ETag"]
    assert second.json()["overall"][0]["number"] == "8"


def test_the_new_stamp_is_published_on_commit(demo, shared_stamps, django_capture_on_commit_callbacks):
    session = Session.objects.get(slug="qualifying")
    old = (session.pk, session.results_version, session.results_updated_at.timestamp())
    with django_capture_on_commit_callbacks() as callbacks:
        services.session_results_touch(session_ids=[session.pk])
    # A reader that took the old stamp from the database before the commit puts it back ...
    shared_stamps.add(f"results-stamp:{session.pk}", old, 60)
    for callback in callbacks:  # ... and the commit replaces it
        callback()
    session.refresh_from_db()
    assert stamp_in_cache(session) == (
        session.pk,
        session.results_version,
        session.results_updated_at.timestamp(),
        session.status,
    )
    assert session.results_version == old[1] + 1


def test_answers_come_from_the_database_while_the_shared_cache_is_down(client, demo, settings):
    settings.CACHES = redis_at(settings, REDIS_DOWN)
    settings.WECRESULTS_STAMPS_IN_CACHE = True
    for _ in range(3):
        response = client.get(JSON_URL)
        assert response.status_code == 200 and response.json()["overall"][0]["number"] == "36"
    lap = Lap.objects.get(session__slug="qualifying", entry__number="36", lap_number=3)
    services.lap_time_delete(lap=lap, note="Track limits", user=None)  # the change is not refused
    assert client.get(JSON_URL).json()["overall"][0]["number"] == "8"


def test_without_a_shared_cache_stamps_come_from_the_database(client, demo_shared):
    for _ in range(2):
        client.get(JSON_URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(JSON_URL)
    assert len(queries) == 1


def etag_of(session) -> str:
    session.refresh_from_db()
    return f'"{session.pk}-{session.results_version}-{int(session.results_updated_at.timestamp() * 1000)}"'


def delete_a_lap_time_while_redis_is_down(settings, capture_on_commit):
    """An editor's change made while Redis is out of reach, committed; then Redis is back, with the old stamp."""
    up = settings.CACHES
    settings.CACHES = redis_at(settings, REDIS_DOWN)
    lap = Lap.objects.get(session__slug="qualifying", entry__number="36", lap_number=3)
    with capture_on_commit(execute=True) as callbacks:
        services.lap_time_delete(lap=lap, note="Track limits", user=None)
    assert len(callbacks) == 2  # live stamps forgotten again; the publication of the new stamp, which failed quietly
    settings.CACHES = up


def test_a_change_made_while_redis_was_down_is_seen_by_its_process_at_once(
    client, demo, shared_stamps, settings, clock, django_capture_on_commit_callbacks
):
    for _ in range(3):
        before = client.get(JSON_URL)  # kept, its stamp in Redis, the recent changes read
    session = Session.objects.get(slug="qualifying")
    old_stamp = stamp_in_cache(session)
    delete_a_lap_time_while_redis_is_down(settings, django_capture_on_commit_callbacks)
    assert stamp_in_cache(session) == old_stamp
    new_etag = etag_of(session)
    assert new_etag != before["ETag"]
    first = client.get(JSON_URL)  # Redis left alone for a while: from the database
    assert (first["ETag"], first.json()["overall"][0]["number"]) == (new_etag, "8")
    clock.now += versions.PAUSE_SECONDS  # Redis again, and its stamp is older than the database's
    second = client.get(JSON_URL)
    assert (second["ETag"], second.json()["overall"][0]["number"]) == (new_etag, "8")
    assert stamp_in_cache(session) == (
        session.pk,
        session.results_version,
        session.results_updated_at.timestamp(),
        session.status,
    )


def test_a_change_made_while_redis_was_down_is_seen_by_other_processes_within_a_second(
    client, demo, shared_stamps, settings, clock, monkeypatch, django_capture_on_commit_callbacks
):
    for _ in range(3):
        before = client.get(JSON_URL)  # kept, its stamp in Redis, the recent changes read
    reader = versions._shared
    monkeypatch.setattr(versions, "_shared", versions._SharedStamps())  # another process makes the change
    session = Session.objects.get(slug="qualifying")
    delete_a_lap_time_while_redis_is_down(settings, django_capture_on_commit_callbacks)
    monkeypatch.setattr(versions, "_shared", reader)  # the reader had read the recent changes just before it
    new_etag = etag_of(session)
    clock.now += versions.CHECK_SECONDS / 2
    stale = client.get(JSON_URL)  # the bound: up to a second after the change
    assert (stale["ETag"], stale.json()["overall"][0]["number"]) == (before["ETag"], "36")
    clock.now += versions.CHECK_SECONDS / 2
    fresh = client.get(JSON_URL)
    assert (fresh["ETag"], fresh.json()["overall"][0]["number"]) == (new_etag, "8")
    assert stamp_in_cache(session) == (
        session.pk,
        session.results_version,
        session.results_updated_at.timestamp(),
        session.status,
    )


@pytest.fixture
def hung_redis(settings):
    """A Redis that takes connections and never answers; the default cache points at it."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def take():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:  # closed at the end of the test
                return

    threading.Thread(target=take, daemon=True).start()
    settings.CACHES = redis_at(settings, f"redis://127.0.0.1:{server.getsockname()[1]}/0")
    settings.WECRESULTS_STAMPS_IN_CACHE = True
    yield accepted
    server.close()
    for sock in accepted:
        sock.close()


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_a_hung_redis_costs_a_request_less_than_a_second_then_is_left_alone(
    client, demo, hung_redis, clock, django_capture_on_commit_callbacks
):
    client.get(JSON_URL)  # teaches the address, from the database
    response, took = timed_get(client, JSON_URL)
    assert (response.status_code, response.json()["overall"][0]["number"], len(hung_redis)) == (200, "36", 1)
    assert took < 1.0
    response, took = timed_get(client, JSON_URL)  # Redis left alone
    assert (response.status_code, len(hung_redis)) == (200, 1)
    assert took < 1.0
    clock.now += versions.PAUSE_SECONDS
    lap = Lap.objects.get(session__slug="qualifying", entry__number="36", lap_number=3)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        services.lap_time_delete(lap=lap, note="Track limits", user=None)
    assert time.monotonic() - started < 1.0
    assert len(hung_redis) == 2  # tried once to forget the stamp; not again to publish the new one
    response, took = timed_get(client, JSON_URL)
    assert (response.status_code, response.json()["overall"][0]["number"], len(hung_redis)) == (200, "8", 2)
    assert took < 1.0


def test_the_standings_api_finds_the_season_from_the_year_in_its_path(client, db):
    """The API gives the season cache the year as text: a 2023 season with no race yet answers."""
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    Season.objects.create(championship=championship, year=2023)
    response = client.get("/api/v1/wec/2023/standings")
    assert response.status_code == 200
    assert response.json() == {
        "championship": "wec", "year": 2023, "after_round": None, "rule_set": "wec-2021-2023", "provisional": False,
        "live": False,
        "tables": [],
    }  # fmt: skip
    assert client.get("/api/v1/wec/20x3/standings").status_code == 404
