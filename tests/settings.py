"""Settings for the test suite: the project's settings in development mode.

The database still comes from DATABASE_URL, so the same suite runs on SQLite and
on PostgreSQL.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_DEBUG", "1")

from wecresults.settings import *  # noqa: E402,F403
from wecresults.settings import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than Django's default shared-cache in-memory database, in which a second
    # connection (the admin's background import thread) meets table locks that fail at once
    # ("database table is locked") whatever the timeout. With a file, each thread (the browser
    # tests' live server too) has its own connection with SQLite's ordinary locking (WAL, busy
    # timeout) and sees what the others committed. One file per test process, deleted by
    # pytest-django at the end; nothing is lost with it in a crash, so no fsync either.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"wecresults-tests-{os.getpid()}.sqlite3"),
    }
    DATABASES["default"]["OPTIONS"]["init_command"] += "PRAGMA synchronous=OFF;"

# Hashing passwords slowly buys nothing in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WECRESULTS_IMPORTS_IN_BACKGROUND = False  # tests check the result in the same request
