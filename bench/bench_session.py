"""Benchmark: session page and classification JSON, uncached and cached.

Builds, in a fresh SQLite database in a temporary folder, a 62-car 24-hour race of
20,000 laps inside a season of 250,000 laps (12 more races), plus races of 2,500 and
25,000 laps to show how the page's cost grows with the laps of a session. Requests go
through Django's test client in this process (no network), with production settings
(DEBUG off). Prints medians over repeated runs.

    .venv/bin/python bench/bench_session.py [--runs 30]

"uncached": the response cache is emptied before each request (the stored
classification rows are read and rendered); "cached": the same request again.
"classify": recomputing the stored rows from all laps after an edit.
"""

import argparse
import datetime as dt
import gc
import random
import statistics
import subprocess
import sys
import time

# isort: split
from production_sqlite import ROOT, get  # sets Django up first: production settings, a fresh SQLite database

# isort: split

from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from events import services
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
from events.results.store import session_classification_refresh

CLASSES = [("HYPERCAR", "Hypercar", "#d4001a"), ("LMP2", "LMP2", "#1f5fbf"), ("LMGT3", "LMGT3", "#00843d")]


def build_race(season, circuit, order, total_laps, cars=62, seed=0):
    """A race of ``cars`` cars sharing ``total_laps`` laps, three drivers each."""
    rng = random.Random(seed)
    round_ = Round.objects.create(
        season=season,
        order=order,
        name=f"Race {order}",
        slug=f"race-{order}",
        circuit=circuit,
        start_date=dt.date(2026, 1, 1) + dt.timedelta(days=order * 14),
        end_date=dt.date(2026, 1, 1) + dt.timedelta(days=order * 14),
    )
    session = Session.objects.create(round=round_, kind="race", name="Race", slug="race")
    classes = list(CarClass.objects.filter(season=season).order_by("display_order"))
    laps_per_car = total_laps // cars
    laps = []
    for index in range(cars):
        team, _ = Team.objects.get_or_create(name=f"Team {index % 40}")
        entry = Entry.objects.create(
            round=round_,
            number=str(index + 1),
            car_class=classes[index % 3],
            team=team,
            car="Prototype",
            manufacturer=f"Maker {index % 9}",
        )
        drivers = []
        for slot in range(3):
            driver, _ = Driver.objects.get_or_create(first_name=f"Driver{slot}", last_name=f"Car{index}")
            EntryDriver.objects.create(entry=entry, driver=driver, order=slot + 1)
            drivers.append(driver)
        elapsed = 0
        count = laps_per_car - rng.randint(0, 3) if index else laps_per_car
        for number in range(1, count + 1):
            lap_time = 210_000 + rng.randint(0, 9_000) + index * 40
            elapsed += lap_time
            laps.append(
                Lap(
                    session=session,
                    entry=entry,
                    driver=drivers[number * 3 // count % 3],
                    lap_number=number,
                    lap_time_ms=lap_time,
                    elapsed_ms=elapsed,
                    sector_1_ms=lap_time // 3,
                    sector_2_ms=lap_time // 3,
                    sector_3_ms=lap_time - 2 * (lap_time // 3),
                    crossed_line_in_pit=number % 30 == 0,
                    is_time_deleted=number % 97 == 0,
                    deletion_reason="track_limits" if number % 97 == 0 else "",
                )
            )
    Lap.objects.bulk_create(laps, batch_size=5000)
    services.session_results_touch(session_ids=[session.pk])
    return session, len(laps)


def median_ms(fn, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    call_command("migrate", verbosity=0)
    championship = Championship.objects.create(name="Bench Championship", short_name="BENCH", slug="bench")
    season = Season.objects.create(championship=championship, year=2026)
    for order, (code, name, colour) in enumerate(CLASSES, start=1):
        CarClass.objects.create(season=season, code=code, name=name, display_order=order, colour=colour)
    circuit = Circuit.objects.create(name="Circuit de la Sarthe", country="France", length_m=13626)

    started = time.perf_counter()
    le_mans, le_mans_laps = build_race(season, circuit, 1, 20_000, seed=1)
    season_laps = le_mans_laps
    order = 2
    while season_laps < 250_000:
        _, laps = build_race(season, circuit, order, 20_000, seed=order)
        season_laps += laps
        order += 1
    small, small_laps = build_race(season, circuit, order, 2_500, seed=98)
    large, large_laps = build_race(season, circuit, order + 1, 25_000, seed=99)
    print(
        f"built {Lap.objects.count():,} laps in {time.perf_counter() - started:.1f} s "
        f"(season of {season_laps:,} laps; race of {le_mans_laps:,} laps, 62 cars)"
    )

    # Like a server worker after start-up: what setup allocated is not rescanned by every
    # garbage collection during the measurements.
    gc.collect()
    gc.freeze()
    client = Client()

    def path(session, json=False):
        prefix = "/api/v1" if json else ""
        suffix = "classification" if json else ""
        return f"{prefix}/bench/2026/{session.round.slug}/race/{suffix}"

    def classify(session):
        services.session_results_touch(session_ids=[session.pk])
        session.refresh_from_db()
        session_classification_refresh(session=session)

    sessions = [("24h race, 20,000 laps", le_mans), ("race of 2,500 laps", small), ("race of 25,000 laps", large)]
    measures = {}
    for label, session in sessions:
        for kind, json in [("session page", False), ("JSON", True)]:
            url = path(session, json)

            def uncached(url=url):
                caches["results"].clear()
                get(client, url)

            measures[(label, kind, "uncached")] = uncached
            measures[(label, kind, "cached")] = lambda url=url: get(client, url)
    for measure in measures.values():  # warm up: templates, query plans, the interpreter's caches
        measure()
    # Round-robin, so that a slow moment of the machine falls on every measure alike.
    samples = {key: [] for key in measures}
    for _ in range(args.runs):
        for key, measure in measures.items():
            if key[2] == "cached":
                measures[(key[0], key[1], "uncached")]()  # fill the cache for this address
            started = time.perf_counter()
            measure()
            samples[key].append((time.perf_counter() - started) * 1000)
    results = {key: statistics.median(values) for key, values in samples.items()}
    for label, session in sessions:
        results[(label, "classify", "after an edit")] = median_ms(lambda s=session: classify(s), max(5, args.runs // 4))
    print(f"{'measure (median of ' + str(args.runs) + ' runs)':<48} {'ms':>8}")
    for (label, kind, mode), value in results.items():
        print(f"{label + ': ' + kind + ', ' + mode:<48} {value:8.2f}")
    ratio = (
        results[("race of 25,000 laps", "session page", "uncached")]
        / results[("race of 2,500 laps", "session page", "uncached")]
    )
    print(f"{'uncached page, 25,000 / 2,500 laps':<48} {ratio:8.2f}x")


if __name__ == "__main__":
    main()
