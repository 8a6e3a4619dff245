"""Settings come from the environment; production refuses to start unsafely.

What must happen as the process starts (refusing to start, check --deploy, make) runs in a
subprocess; what only reads the settings runs wecresults/settings.py afresh in this process.
"""

import os
import re
import runpy
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SECRET = "k3Jd9sL0pQ7vX2mN5bT8wR1yZ4cF6hG0jA3eU9iO2sD7fK1lP5q"


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def settings_from(monkeypatch, **env) -> dict:
    """The names wecresults/settings.py defines when run with this environment (none of the shell's DJANGO_*)."""
    for name in [name for name in os.environ if name.startswith("DJANGO_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "wecresults" / "settings.py"))


def test_check_deploy_has_no_warnings_in_production():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="results.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set." in result.stderr


def test_debug_flag_must_be_readable():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 1 or 0, not 'maybe'" in result.stderr


def test_settings_read_database_and_cache_from_the_environment(monkeypatch):
    s = settings_from(
        monkeypatch,
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/results",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_ALLOWED_HOSTS="a.example,b.example",
    )
    printed = (
        f"{s['DATABASES']['default']['ENGINE']} {s['DATABASES']['default']['NAME']} "
        f"{s['CACHES']['default']['BACKEND']} {s['ALLOWED_HOSTS']}"
    )
    assert printed == (
        "django.db.backends.postgresql results django.core.cache.backends.redis.RedisCache ['a.example', 'b.example']"
    )
    # Redis answers within a quarter of a second or the database does (events/results/versions.py)
    assert s["CACHES"]["default"]["OPTIONS"] == {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
    assert s["WECRESULTS_STAMPS_IN_CACHE"] is True


def test_default_database_is_sqlite_beside_manage_py(monkeypatch):
    s = settings_from(monkeypatch, DJANGO_DEBUG="1", DATABASE_URL="")
    printed = f"{s['DATABASES']['default']['ENGINE']} {s['DATABASES']['default']['NAME']}"
    assert printed == f"django.db.backends.sqlite3 {ROOT / 'db.sqlite3'}"


def test_makefile_picks_a_python_of_at_least_3_12():
    result = subprocess.run(["make", "-s", "python"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    version = subprocess.run(
        [result.stdout.strip(), "-c", "import sys; print(sys.version_info >= (3, 12))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert version.stdout.strip() == "True"


def test_makefile_says_so_when_no_python_fits():
    result = subprocess.run(
        ["make", "-s", "python", "PYTHON_CANDIDATES=/nonexistent/python3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "No Python 3.12 or newer found (tried: /nonexistent/python3)" in result.stderr


def test_make_run_prints_the_address_it_serves():
    """``make -n`` prints the commands without running them."""
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123", "HOST=0.0.0.0"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "manage.py create_local_editor --url http://0.0.0.0:8123/admin/" in result.stdout
    assert "manage.py runserver 0.0.0.0:8123" in result.stdout


def test_production_static_files_get_hashed_and_compressed_names(tmp_path, monkeypatch, settings):
    production = settings_from(
        monkeypatch,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="x.example",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    settings.STORAGES, settings.STATIC_ROOT = production["STORAGES"], production["STATIC_ROOT"]
    call_command("collectstatic", "--noinput", stdout=StringIO())
    css = sorted(path.name for path in (tmp_path / "events" / "css").iterdir() if path.name.startswith("site."))
    hashed = next(name for name in css if re.fullmatch(r"site\.[0-9a-f]{12}\.css", name))
    assert sorted(css) == sorted([hashed, f"{hashed}.gz", "site.css", "site.css.gz"])
    assert (tmp_path / "staticfiles.json").exists()


def test_trusted_proxies_default_to_none_and_are_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("WECRESULTS_TRUSTED_PROXIES", raising=False)
    default = settings_from(monkeypatch, DJANGO_DEBUG="1")["WECRESULTS_TRUSTED_PROXIES"]
    assert (
        default,
        settings_from(monkeypatch, DJANGO_DEBUG="1", WECRESULTS_TRUSTED_PROXIES="2")["WECRESULTS_TRUSTED_PROXIES"],
    ) == (0, 2)


def test_trusted_proxies_must_be_a_whole_number():
    result = manage("check", DJANGO_DEBUG="1", WECRESULTS_TRUSTED_PROXIES="-1")
    assert result.returncode != 0
    assert "WECRESULTS_TRUSTED_PROXIES must be a whole number (0 or more), not '-1'" in result.stderr
