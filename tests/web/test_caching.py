"""The results cache with its stamps in a shared cache (Redis), as several server processes use it:
a kept answer costs no database query, and an editor's change is seen at once."""

import os
import socket

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.models import Lap, Session

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


@pytest.fixture
def shared_stamps(settings):
    if not redis_answers():
        pytest.skip(f"no Redis on {REDIS[0]}:{REDIS[1]}")
    if WORKER >= 8:  # databases 0 to 7 may be someone's
        pytest.skip(f"pytest-xdist worker {WORKER}: Redis databases 8 to 15 go to workers 0 to 7")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{REDIS_DB}",
        },
    }
    settings.WECRESULTS_STAMPS_IN_CACHE = True
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def stamp_in_cache(session):
    return caches["default"].get(f"results-stamp:{session.pk}")


def test_a_kept_answer_costs_no_query(client, demo_shared, shared_stamps):
    for url in (PAGE, EMBED, JSON_URL):
        first = client.get(url)  # teaches the address
        client.get(url)  # kept
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 0, url
        assert again.content == first.content and again["ETag"] == first["ETag"]


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
    assert stamp_in_cache(session) == (session.pk, session.results_version, session.results_updated_at.timestamp())
    assert session.results_version == old[1] + 1


def test_answers_come_from_the_database_while_the_shared_cache_is_down(client, demo, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
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
