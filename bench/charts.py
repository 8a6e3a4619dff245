"""Benchmark: the charts page of a 24-hour race (lap chart and gap chart per class), uncached and kept, and its size.

Builds, in a fresh SQLite database in a temporary folder, a 62-car 24-hour race in 3
classes (21 Hypercars, 17 LMP2, 24 LMGT3; 3 drivers each) of about 20,000 laps with
elapsed times as a race gives them: each car its own pace, lap times that vary (traffic,
slower at night), a pit stop every 11 to 14 laps (the in-lap crosses the line in the pit
lane, the out-lap carries the stop), four safety-car periods, a few long garage visits and
nine cars retiring early, so that places change along the race. Requests go through
Django's test client in this process (no network), with production settings (DEBUG off),
round-robin.

    .venv/bin/python bench/charts.py [--runs 40]

"uncached": the kept answers (the results cache) are emptied before each request; the
laps are read, the series computed and the SVG drawn. "kept": the same request again.
Beside them, in the same run: the charts zoomed to six hours with gaps to car #7, the car
page of #7 (its lap-time chart, stint timeline and lap table), the session page of the same
race (uncached and kept) and the static stylesheet served by whitenoise. Sizes: the page as sent (raw) and gzipped at
level 6, as a server compresses it. "parts": the uncached page's work split into reading
the laps with computing the series, and drawing the SVG of all classes.
"""

import argparse
import datetime as dt
import gc
import gzip
import random
import statistics
import subprocess
import sys
import time

# isort: split
from production_sqlite import ROOT, get, p95  # sets Django up first: production settings, a fresh SQLite database

# isort: split

from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from events import services
from events.core.laptime import MS_PER_HOUR
from events.enums import SessionStatus
from events.interfaces.charts import gap_chart_svg, lap_chart_svg
from events.models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Round,
    Season,
    Session,
    Team,
)
from events.results.charts import session_lap_chart

YEAR = 2026
RACE_MS = 24 * MS_PER_HOUR
# (code, name, colour, cars, base lap time in ms, laps in a stint)
CLASSES = [
    ("HYPERCAR", "Hypercar", "#d4001a", 21, 208_000, (13, 14)),
    ("LMP2", "LMP2", "#1f5fbf", 17, 216_000, (12, 13)),
    ("LMGT3", "LMGT3", "#00843d", 24, 236_000, (11, 13)),
]
SAFETY_CARS = [(2.1, 2.5), (7.0, 7.7), (13.4, 13.8), (19.2, 19.9)]  # race hours
NIGHT = (8, 16)  # race hours: slower laps
RETIRING = 9  # cars that stop before the end, at a random time
GARAGE = 6  # cars that lose 5 to 30 minutes in the garage once


def race_laps(rng, base, stint, retire_ms, garage_at_ms):
    """(lap time, elapsed, in the pit at the line, flag) of each lap of one car."""
    laps, elapsed, stint_laps, pace = [], 0, rng.randint(*stint), base + rng.randint(0, 4_500)
    out_lap = False
    while elapsed < min(RACE_MS, retire_ms):
        hour = elapsed / MS_PER_HOUR
        lap_time = pace + int(abs(rng.gauss(0, 1_200))) + (rng.randint(2_000, 9_000) if rng.random() < 0.15 else 0)
        if NIGHT[0] <= hour < NIGHT[1]:
            lap_time += 2_500
        flag = "GF"
        if any(start <= hour < end for start, end in SAFETY_CARS):
            lap_time, flag = max(lap_time, 300_000 + rng.randint(0, 20_000)), "SF"
        if out_lap:
            lap_time += rng.randint(55_000, 85_000)  # the stop, and a driver change every other one
            out_lap = False
        if garage_at_ms is not None and elapsed >= garage_at_ms:
            lap_time += rng.randint(5, 30) * 60_000
            garage_at_ms = None
        stint_laps -= 1
        in_pit = stint_laps == 0
        if in_pit:
            stint_laps, out_lap = rng.randint(*stint), True
            lap_time += 6_000  # the pit lane to the line
        elapsed += lap_time
        laps.append((lap_time, elapsed, in_pit, "FF" if elapsed >= RACE_MS else flag))
    return laps


def race_cars():
    """(class index, car number, its laps) of every car of the race, the same on every run:
    each lap (lap time, elapsed, in the pit at the line, flag, time deleted)."""
    rng = random.Random(24)
    cars = [(index, str(index * 30 + slot + 2)) for index, row in enumerate(CLASSES) for slot in range(row[3])]
    retiring = dict.fromkeys(rng.sample([number for _, number in cars], RETIRING))
    for number in retiring:
        retiring[number] = rng.randint(1, 22) * MS_PER_HOUR + rng.randint(0, MS_PER_HOUR)
    garage = {number: rng.randint(1, 20) * MS_PER_HOUR for number in rng.sample([n for _, n in cars], GARAGE)}
    for class_index, number in cars:
        _code, _name, _colour, _count, base, stint = CLASSES[class_index]
        laps = race_laps(rng, base, stint, retiring.get(number, RACE_MS + 1), garage.get(number))
        yield class_index, number, [(*lap, rng.random() < 0.004) for lap in laps]


def build_race():
    """The 24-hour race: its session and its number of laps."""
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=YEAR)
    classes = [
        CarClass.objects.create(season=season, code=code, name=name, display_order=order, colour=colour)
        for order, (code, name, colour, *_rest) in enumerate(CLASSES, start=1)
    ]
    circuit = Circuit.objects.create(name="Circuit de la Sarthe", country="France", length_m=13626)
    day = dt.date(YEAR, 6, 13)
    round_ = Round.objects.create(
        season=season, order=4, name="24 Hours of Le Mans", slug="le-mans", circuit=circuit, start_date=day,
        end_date=day + dt.timedelta(days=1),
    )  # fmt: skip
    session = Session.objects.create(
        round=round_, kind="race", name="Race", slug="race", start=dt.datetime(YEAR, 6, 13, 14, tzinfo=dt.UTC),
        duration_ms=RACE_MS, status=SessionStatus.FINAL,
    )  # fmt: skip
    rows, cars = [], 0
    for class_index, number, laps in race_cars():
        cars += 1
        entry = Entry.objects.create(
            round=round_, number=number, car_class=classes[class_index], car="Car",
            team=Team.objects.create(name=f"Team {number}"), manufacturer=f"Maker {int(number) % 7}",
        )  # fmt: skip
        drivers = [Driver.objects.create(first_name=f"Driver{slot}", last_name=f"Car{number}") for slot in range(3)]
        EntryDriver.objects.bulk_create(
            EntryDriver(entry=entry, driver=driver, order=slot) for slot, driver in enumerate(drivers, start=1)
        )
        driver, stints = 0, 0
        for lap_number, (lap_time, elapsed, in_pit, flag, deleted) in enumerate(laps, start=1):
            rows.append(
                Lap(
                    session=session, entry=entry, driver=drivers[driver], lap_number=lap_number,
                    lap_time_ms=lap_time, elapsed_ms=elapsed, sector_1_ms=lap_time // 3, sector_2_ms=lap_time // 3,
                    sector_3_ms=lap_time - 2 * (lap_time // 3), crossed_line_in_pit=in_pit, flag_at_line=flag,
                    is_time_deleted=deleted, deletion_reason="track_limits" if deleted else "",
                )
            )  # fmt: skip
            if in_pit:
                stints += 1
                driver = stints // 2 % 3  # a driver does double stints
    Lap.objects.bulk_create(rows, batch_size=5000)
    services.session_results_touch(session_ids=[session.pk])
    return session, len(rows), cars


def size_kb(content):
    return len(content) / 1000, len(gzip.compress(content, compresslevel=6)) / 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    session, laps, cars = build_race()
    print(f"built a 24-hour race of {cars} cars, {laps:,} laps, in {time.perf_counter() - started:.1f} s")

    gc.collect()
    gc.freeze()  # like a server worker after start-up
    client = Client()
    session_url = f"/wec/{YEAR}/le-mans/race/"
    charts_url = f"{session_url}charts/"
    pages = {
        "charts page": charts_url,
        "charts page, ?class=HYPERCAR": f"{charts_url}?class=HYPERCAR",
        "charts page, ?hours=6-12&ref=7": f"{charts_url}?hours=6-12&ref=7",
        "car page (#7's lap times and stints)": f"{session_url}car/7/",
        "reference: session page": session_url,
    }
    static_url = "/static/events/css/site.css"

    def uncached(url):
        caches["results"].clear()
        return get(client, url)

    measures = {}
    for label, url in pages.items():
        measures[(label, "uncached")] = lambda url=url: uncached(url)
        measures[(label, "kept")] = lambda url=url: get(client, url)  # right after the uncached one: kept
    measures[("reference: static file", "")] = lambda: get(client, static_url)
    sizes = {label: size_kb(uncached(url).content) for label, url in pages.items()}
    for measure in measures.values():  # warm up: templates, query plans, the interpreter's caches
        measure()
    samples = {key: [] for key in measures}
    for _ in range(args.runs):
        for key, measure in measures.items():
            began = time.perf_counter()
            measure()
            samples[key].append((time.perf_counter() - began) * 1000)

    heading = f"server time, {args.runs} round-robin runs"
    print(f"\n{heading:<44} {'median ms':>10} {'p95 ms':>8} {'target':>7}")
    for (label, mode), values in samples.items():
        target = "150" if (label, mode) == ("charts page", "uncached") else ""
        name = f"{label}, {mode}" if mode else label
        print(f"{name:<44} {statistics.median(values):10.2f} {p95(values):8.2f} {target:>7}")

    print(f"\n{'size of the page':<44} {'raw KB':>10} {'gzip-6 KB':>10} {'target':>7}")
    for label, (raw, compressed) in sizes.items():
        target = "400" if label == "charts page" else ""
        print(f"{label:<44} {raw:10.1f} {compressed:10.1f} {target:>7}")

    # The uncached charts page's work, part by part (all classes).
    parts = {"read the laps, compute the series": [], "draw the SVG": []}
    for _ in range(max(5, args.runs // 4)):
        began = time.perf_counter()
        charts = session_lap_chart(session)
        parts["read the laps, compute the series"].append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        for chart in charts:
            lap_chart_svg(chart), gap_chart_svg(chart)
        parts["draw the SVG"].append((time.perf_counter() - began) * 1000)
    print(f"\n{'parts of the uncached charts page':<44} {'median ms':>10}")
    for label, values in parts.items():
        print(f"{label:<44} {statistics.median(values):10.2f}")


if __name__ == "__main__":
    main()
