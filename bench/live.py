"""Benchmark: live timing. A 24-hour race of 62 cars fed through the feed endpoint in batches
of one minute of race time, and the origin's cost of fans polling a live session.

Builds, in a fresh SQLite database in a temporary folder, the race of ``bench/charts.py``
(the same generator: 3 classes, about 20,000 laps, pit stops, safety cars, retirements)
written as an Al Kamel analysis file, cut by ``replay_batches`` into one-minute batches and
posted in race-time order with an editor's API token, through Django's test client in this
process (no network), production settings (DEBUG off).

- "batch": server time of the POST (the whole batch checked, then written in one
  transaction), then of the classification JSON that shows its laps (uncached: the
  results changed), and both together: the time until a batch is visible.
- "polling": while the session is live, fans ask for the classification JSON every few
  seconds. Through a shared cache (``s-maxage`` at most 10 s) any number of fans cost the
  origin one request per interval; what the origin answers is a 304 (``If-None-Match``
  with the current ETag) or a kept 200. Their rates (req/s over ``--seconds``, alternating)
  beside the static stylesheet's in the same run.

    .venv/bin/python bench/live.py [--hours 24] [--seconds 3]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

os.environ["WECRESULTS_FEED_RATE"] = "100000/m"  # the bench posts a day of batches in a minute or two

# isort: split
from production_sqlite import ROOT, p95, rate  # sets Django up first: production settings, a fresh SQLite database

# isort: split

from charts import CLASSES, race_cars
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from events import services
from events.core.laptime import MS_PER_HOUR, format_lap_time
from events.importers.replay import replay_batches

HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; ELAPSED;"
    " DRIVER_NAME; CLASS; TEAM; FLAG_AT_FL;\n"
)
SESSION = "wec/2026/le-mans/race"
FEED = f"/api/v1/{SESSION}/feed?kind=race&round_name=24%20Hours%20of%20Le%20Mans"
JSON = f"/api/v1/{SESSION}/classification"
STATIC = "/static/events/css/site.css"


def race_file(hours: float) -> str:
    """The race of bench/charts.py as an Al Kamel analysis file (deleted times left out: the
    file has no such column): the laps started in its first ``hours``."""
    lines = [HEADER]
    for class_index, number, laps in race_cars():
        code = CLASSES[class_index][0]
        for lap_number, (lap_time, elapsed, in_pit, flag, _deleted) in enumerate(laps, start=1):
            if elapsed - lap_time >= hours * MS_PER_HOUR:  # started after the limit (the last lap ends after it)
                break
            driver = (lap_number // 26) % 3 + 1
            lines.append(
                f"{number};{driver};{lap_number};{format_lap_time(lap_time)};0;{'B' if in_pit else ''};"
                f"{format_lap_time(elapsed)};Driver{driver} CAR{number};{code};Team {number};{flag};\n"
            )
    return "".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hours", type=float, default=24)
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args()

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    call_command("migrate", verbosity=0)
    editor = get_user_model().objects.create_user("timing", password="bench-password-0123")
    editor.groups.add(Group.objects.get(name="Editors"))
    _token, secret = services.api_token_issue(user=editor, name="bench")
    batches = replay_batches(race_file(args.hours), slice_ms=60_000)
    rows = sum(batch.rows for batch in batches)
    print(f"a {args.hours:g}-hour race of 62 cars: {rows:,} laps in {len(batches)} one-minute batches")

    client = Client(headers={"Authorization": f"Bearer {secret}"})
    fan = Client()
    posts, reads = [], []
    for batch in batches:
        began = time.perf_counter()
        response = client.post(FEED, data=batch.text.encode(), content_type="text/csv")
        posted = time.perf_counter()
        assert response.status_code == 200, response.content
        shown = fan.get(JSON)
        assert shown.status_code == 200
        posts.append((posted - began) * 1000)
        reads.append((time.perf_counter() - posted) * 1000)
    print(f"\n{'per one-minute batch':<44} {'median ms':>10} {'p95 ms':>8} {'target':>7}")
    last = len(batches) // 24  # the race's last hour: the largest session
    for label, values in (
        ("POST the batch", posts),
        ("classification JSON, uncached", reads),
        ("batch visible (both)", [a + b for a, b in zip(posts, reads, strict=True)]),
        ("batch visible, last hour of the race", [a + b for a, b in zip(posts[-last:], reads[-last:], strict=True)]),
    ):
        target = "100" if label.startswith("batch visible") else ""
        print(f"{label:<44} {statistics.median(values):10.2f} {p95(values):8.2f} {target:>7}")

    etag = fan.get(JSON)["ETag"]
    rates = {"304 (If-None-Match)": [], "kept 200": [], "static file": []}
    asked = {
        "304 (If-None-Match)": (JSON, 304, {"If-None-Match": etag}),
        "kept 200": (JSON, 200, None),
        "static file": (STATIC, 200, None),
    }
    for _ in range(2):
        for label, (url, status, headers) in asked.items():
            rates[label].append(rate(fan, url, args.seconds / 2, status=status, headers=headers))
    print(f"\n{'polling a live session, ' + f'{args.seconds:g} s each':<44} {'req/s':>10} {'of static':>10}")
    static = statistics.mean(rates["static file"])
    for label, values in rates.items():
        print(f"{label:<44} {statistics.mean(values):10.0f} {statistics.mean(values) / static:9.0%}")
    print(f"{'target':<44} {'':>10} {'70%':>10}")


if __name__ == "__main__":
    main()
