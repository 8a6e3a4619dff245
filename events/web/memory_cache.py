"""The results cache's backend: Django's in-memory cache, without the pickling.

``LocMemCache`` pickles every value it stores and unpickles it on every read, so that no
caller can change what another reads. A kept answer is read far more often than it is
written (every poll of a live session), and unpickling its 30 KB of content is a good
part of what a hit costs. The values kept here are never changed once made (bytes, and
headers in a read-only mapping, copied into each response), so they are stored as they
are: a read hands back the stored object itself. Expiry, the entry limit and its culling,
the lock and the per-process store stay ``LocMemCache``'s own. Keys are ours (hex digits
and colons): they are not checked again for memcached on every read.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class UnpickledMemoryCache(LocMemCache):
    """``LocMemCache`` for values nobody changes: stored and read back as they are."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        raise NotImplementedError("the results cache keeps answers, not counters")
