"""What the request benches share, done on import: Django with production settings (DEBUG
off) on a fresh SQLite database in a temporary folder, without Redis.

    from production_sqlite import ROOT  # first, before any Django import
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="wecresults-bench-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "wecresults.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(TMP / "static"),
        "DATABASE_URL": f"sqlite:///{TMP / 'bench.sqlite3'}",
    }
)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()
