"""Load benchmark: the cached embed of a 62-car race, with and without junk parameters, and a static file.

    WEC_SAMPLE_DATA=../shared/data/alkamel .venv/bin/python bench/bench_load.py [--seconds 10] [--workers 4]
        [--database-url postgres://postgres@127.0.0.1:5432/wecresults_load] [--redis-url redis://127.0.0.1:6379/1]

Builds a throwaway SQLite database (or, with --database-url, migrates and imports into
that database, which it leaves; the import changes nothing the second time) with the
2026 Le Mans race (62 cars, 20,163 laps); with --redis-url the workers share that Redis
as their default cache, as several production processes would (rendered results are
kept in each process's memory either way).
collects the static files, starts gunicorn on 127.0.0.1 with production settings, warms
each worker's cache, then runs wrk (loopback only, bounded duration, 50 connections)
against the embed, against the embed with a random junk parameter on every request
(``?junk=<1..1e9>``, a wrk Lua script: cache-busting traffic, which must still be
answered from the results cache, keyed on the parameters the embed knows) and against
a whitenoise static file (the site's stylesheet, 2.7 kB, smaller than the embed's
15.7 kB, so the comparison is the stricter one) in the same run, and prints the rates,
the errors and the ratios. Needs `wrk` (`apt-get install wrk`).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EMBED = "/embed/wec/2026/le-mans/race/"
STATIC = "/static/events/css/site.css"


# Each request asks for the embed with a junk parameter of its own.
JUNK_SCRIPT = """
request = function()
  return wrk.format("GET", "%s?junk=" .. math.random(1, 1000000000))
end
"""


def run_wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> tuple[float, int, str]:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *(["-s", str(script)] if script else []), url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    )  # fmt: skip
    output = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(value) for value in match.groups())
    latency = re.search(r"^\s+50%\s+(\S+)", output, flags=re.MULTILINE).group(1)
    return rate, errors, latency


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url", help="a scratch database instead of a throwaway SQLite file")
    parser.add_argument("--redis-url", help="a Redis database the workers share as their cache")
    args = parser.parse_args()
    sample = os.environ.get("WEC_SAMPLE_DATA")
    if not sample or not shutil.which("wrk"):
        sys.exit("Needs WEC_SAMPLE_DATA (the Al Kamel sample files) and wrk (apt-get install wrk).")

    tmp = Path(tempfile.mkdtemp(prefix="wecresults-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wecresults.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DATABASE_URL": args.database_url or f"sqlite:///{tmp / 'load.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url

    def manage(*command):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

    manage("migrate", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("import_alkamel", str(Path(sample) / "wec-2026-le-mans-24h-race-analysis.csv"), "--session",
           "wec/2026/le-mans/race", "--round-name", "24 Hours of Le Mans")  # fmt: skip

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "wecresults.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers",
         str(args.workers), "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + STATIC, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        with urllib.request.urlopen(base + EMBED, timeout=10) as response:
            size = len(response.read())
        # Warm every worker's cache of the rendered embed.
        run_wrk(base + EMBED, 2, args.connections)
        embed_rate, embed_errors, embed_latency = run_wrk(base + EMBED, args.seconds, args.connections)
        script = tmp / "junk.lua"
        script.write_text(JUNK_SCRIPT % EMBED)
        junk_rate, junk_errors, junk_latency = run_wrk(base + EMBED, args.seconds, args.connections, script)
        static_rate, static_errors, static_latency = run_wrk(base + STATIC, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    database = "PostgreSQL" if (args.database_url or "").startswith("postgres") else "SQLite"
    cache = "Redis" if args.redis_url else "per-process memory"
    print(f"gunicorn, {args.workers} workers, wrk 2 threads, {args.connections} connections, {args.seconds} s each; "
          f"{database}, cache in {cache}")  # fmt: skip
    print(f"{'cached embed (62 cars, ' + str(size) + ' bytes)':<44} {embed_rate:9.0f} req/s  "
          f"p50 {embed_latency:>8}  errors {embed_errors}")  # fmt: skip
    print(f"{'same, a random junk parameter per request':<44} {junk_rate:9.0f} req/s  "
          f"p50 {junk_latency:>8}  errors {junk_errors}")  # fmt: skip
    print(
        f"{'static file via whitenoise':<44} {static_rate:9.0f} req/s  p50 {static_latency:>8}  errors {static_errors}"
    )
    print(f"{'embed / static':<44} {embed_rate / static_rate:9.0%}")
    print(f"{'embed with junk / embed':<44} {junk_rate / embed_rate:9.0%}")


if __name__ == "__main__":
    main()
