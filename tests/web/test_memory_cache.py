"""The results cache's backend: LocMemCache's behaviour, without pickling."""

from types import MappingProxyType

import django.core.cache.backends.locmem as locmem
import pytest
from django.core.cache import caches

from events.web.memory_cache import UnpickledMemoryCache


@pytest.fixture
def cache():
    options = {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 3}
    cache = UnpickledMemoryCache("memory-cache-test", {"TIMEOUT": 60, "OPTIONS": options})
    cache.clear()
    yield cache
    cache.clear()


def test_the_results_cache_is_the_unpickled_one():
    assert isinstance(caches["results"], UnpickledMemoryCache)


def test_a_read_gives_back_the_stored_object_itself(cache):
    value = (b"content", MappingProxyType({"ETag": '"1-2-3"'}))
    cache.set("k", value)
    assert cache.get("k") is value
    assert cache.get("missing", "default") == "default"


def test_add_keeps_what_is_there(cache):
    assert cache.add("k", "first") is True
    assert cache.add("k", "second") is False
    assert cache.get("k") == "first"


def test_an_entry_expires(cache, monkeypatch):
    now = 1_000_000.0
    monkeypatch.setattr(locmem.time, "time", lambda: now)  # the clock of expiry
    cache.set("k", "v", timeout=10)
    now += 9.9
    assert cache.get("k") == "v"
    now += 0.1
    assert cache.get("k") is None and not cache.has_key("k")


def test_the_entry_limit_culls_the_least_recently_read(cache):
    for key in ("a", "b", "c"):
        cache.set(key, key)
    cache.get("a")  # read: the most recent
    cache.set("d", "d")  # full: a third of the entries go, the least recently used first
    assert [key for key in "abcd" if cache.get(key) is not None] == ["a", "c", "d"]


def test_counters_are_refused(cache):
    cache.set("n", 1)
    with pytest.raises(NotImplementedError):
        cache.incr("n")
