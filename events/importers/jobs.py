"""Imports started from the admin run in a background thread and report their progress.

The state of a job lives in the cache (``import-job:<token>``): with several server
processes, set ``REDIS_URL`` so that every process sees it. The import itself is the
same ``import_alkamel`` the command runs: one transaction, all or nothing.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db import connections

from ..errors import ResultsError
from .alkamel import AlkamelError
from .loader import import_alkamel

TIMEOUT = 24 * 3600


def _key(token: str) -> str:
    return f"import-job:{token}"


def job_state(token: str) -> dict | None:
    return cache.get(_key(token))


def _set(token: str, **state) -> None:
    cache.set(_key(token), state, timeout=TIMEOUT)


def import_job_start(*, token: str, data: bytes, options: dict, user, background: bool = True) -> None:
    """Run the import (in a thread unless ``background`` is False); its state is in the cache."""
    total = max(data.count(b"\n") - 1, 1)
    _set(token, state="running", done=0, total=total, lines=[])

    def progress(done: int) -> None:
        _set(token, state="running", done=done, total=total, lines=[])

    def run() -> None:
        try:
            summary = import_alkamel(data=data, user=user, progress=progress, **options)
        except (AlkamelError, ResultsError) as error:
            _set(token, state="failed", done=0, total=total, lines=[f"Nothing was imported: {error}"])
        except Exception as error:  # noqa: BLE001 (the page must say it failed, whatever happened)
            _set(token, state="failed", done=0, total=total, lines=[f"Nothing was imported: {error!r}"])
            raise
        else:
            _set(token, state="done", done=total, total=total, lines=summary.lines())
        finally:
            if background:
                # Django's connections are per thread: these are the thread's own, opened by the
                # import and never shared with a request; nothing else would close them.
                connections.close_all()

    if background:
        threading.Thread(target=run, name=f"import-{token}", daemon=True).start()
    else:
        run()
