"""What the request benches share, done on import: Django with production settings (DEBUG
off) on a fresh SQLite database in a temporary folder (removed when the bench exits),
without Redis; and how they measure (``get``, ``rate``, ``p95``).

    from production_sqlite import ROOT, get, p95, rate  # first, before any Django import
"""

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="wecresults-bench-"))
atexit.register(shutil.rmtree, TMP, ignore_errors=True)  # the database and collected static files
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "wecresults.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(TMP / "static"),
        # A bench that measures PostgreSQL names its database first (BENCH_DATABASE_URL).
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.sqlite3'}",
    }
)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()


def get(client, url, *, status=200, headers=None):
    """``url`` through the test client, which must answer ``status``."""
    response = client.get(url, headers=headers or {})
    assert response.status_code == status, (url, response.status_code)
    return response


def rate(client, url, seconds, *, status=200, headers=None):
    """Requests per second for ``url`` over about ``seconds``, each answered ``status``."""
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        get(client, url, status=status, headers=headers)
        count += 1
    return count / elapsed


def p95(values):
    return statistics.quantiles(values, n=20)[-1]
