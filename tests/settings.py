"""Settings for the test suite: the project's settings in development mode.

The database still comes from DATABASE_URL, so the same suite runs on SQLite and
on PostgreSQL.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from wecresults.settings import *  # noqa: E402,F403

# Hashing passwords slowly buys nothing in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WECRESULTS_IMPORTS_IN_BACKGROUND = False  # tests check the result in the same request
