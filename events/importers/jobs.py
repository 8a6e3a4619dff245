"""Admin imports run in a background thread and report their progress: first the preview
(a dry run: the file checked, what it would do counted, then rolled back), then, once the
editor confirms, the import itself.

The state of a job lives in the cache (``import-job:<token>``, the token of the staged
upload): which kind of job it is (``preview`` or ``import``), whether it is running,
done or failed, how many lines it has read of how many, and the summary or the error.
The import that follows a preview takes over its token, and its state replaces the
preview's. With several server processes, set ``REDIS_URL`` so that every process sees
it. Both run the same ``import_alkamel`` the command runs: one transaction, all or nothing.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db import connections

from ..errors import ResultsError
from . import staging
from .alkamel import AlkamelError
from .loader import import_alkamel

TIMEOUT = 24 * 3600
PREVIEW, IMPORT = "preview", "import"


def _key(token: str) -> str:
    return f"import-job:{token}"


def job_state(token: str) -> dict | None:
    return cache.get(_key(token))


def _set(token: str, **state) -> None:
    cache.set(_key(token), state, timeout=TIMEOUT)


def preview_job_start(
    *, token: str, data: bytes, options: dict, user, file_name: str = "", background: bool = True
) -> None:
    """Check the upload staged under ``token`` by a dry run that writes nothing (in a thread
    unless ``background`` is False); a file refused is removed from the staging, since no
    import can follow."""
    _job_start(
        kind=PREVIEW, token=token, data=data, options=options, user=user, file_name=file_name, background=background
    )


def import_job_start(
    *, token: str, data: bytes, options: dict, user, file_name: str = "", background: bool = True
) -> None:
    """Run the import (in a thread unless ``background`` is False); its state is in the cache."""
    _job_start(
        kind=IMPORT, token=token, data=data, options=options, user=user, file_name=file_name, background=background
    )


def _job_start(*, kind: str, token: str, data: bytes, options: dict, user, file_name: str, background: bool) -> None:
    total = max(data.count(b"\n") - 1, 1)
    failure = "Nothing was written" if kind == PREVIEW else "Nothing was imported"

    def state(state: str, done: int, lines: list[str]) -> None:
        _set(token, kind=kind, state=state, done=done, total=total, lines=lines, file_name=file_name)

    def failed(message: str) -> None:
        if kind == PREVIEW:
            staging.staged_upload_remove(token)
        state("failed", 0, [f"{failure}: {message}"])

    state("running", 0, [])

    def run() -> None:
        try:
            summary = import_alkamel(
                data=data,
                user=user,
                dry_run=kind == PREVIEW,
                progress=lambda done: state("running", done, []),
                **options,
            )
        except (AlkamelError, ResultsError) as error:
            failed(str(error))
        except Exception as error:  # noqa: BLE001 (the page must say it failed, whatever happened)
            failed(repr(error))
            raise
        else:
            state("done", total, summary.lines())
        finally:
            if background:
                # Django's connections are per thread: these are the thread's own, opened by the
                # job and never shared with a request; nothing else would close them.
                connections.close_all()

    if background:
        threading.Thread(target=run, name=f"{kind}-{token}", daemon=True).start()
    else:
        run()
