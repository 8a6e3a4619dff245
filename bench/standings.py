"""Benchmark: championship standings (JSON and page), uncached, kept, and the first read after a correction.

Builds, in a fresh SQLite database in a temporary folder, a 2023 season (the 2021-2023
rules) of 8 rounds with 60 cars in 4 classes (Hypercar, LMP2, LMGTE Pro, LMGTE Am; 3
drivers each, a few private cars and a guest), each round a qualifying (3 laps a car,
which gives the poles) and a race (6 hours, Le Mans 24 hours in round 4; 150 laps a car
that finishes, about 70,000 laps in all, a few retirements). Requests go through Django's test client in this
process (no network), with production settings (DEBUG off), round-robin.

    .venv/bin/python bench/standings.py [--runs 60] [--seconds 3]

"uncached": the kept answers (the results cache) are emptied before each request; the
standings stored for the season's current version are read and rendered (the page: all
8 titles, 216 rows of 8 rounds; also one title, and the embed of one). "kept": the
same request again (req/s over ``--seconds``), beside the static stylesheet served by
whitenoise and the championships list of the API (a small kept-free answer) in the same
run. "after a correction": a time penalty given through ``services.penalty_apply`` (then
withdrawn, alternately), and the first read after it: the race classified again and the
season's standings computed again and stored.
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
from production_sqlite import ROOT, get, p95, rate  # sets Django up first: production settings, a fresh SQLite database

# isort: split

from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from events import services
from events.core.laptime import MS_PER_HOUR
from events.enums import EntrantKind, PenaltyKind, SessionStatus
from events.models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Penalty,
    Round,
    Season,
    SeasonEntrant,
    SeasonStandings,
    Session,
    Team,
)

YEAR = 2023
ROUNDS = 8
LE_MANS_ROUND = 4
# (code, name, colour, cars, base lap time in ms)
CLASSES = [
    ("HYPERCAR", "Hypercar", "#d4001a", 15, 100_000),
    ("LMP2", "LMP2", "#1f5fbf", 15, 104_000),
    ("LMGTE PRO", "LMGTE Pro", "#00843d", 15, 112_000),
    ("LMGTE AM", "LMGTE Am", "#f18700", 15, 114_000),
]
PRIVATE_CARS = {"9", "10"}  # private Hypercars
GUEST_CAR = "99"  # an LMGTE Am guest: never scores
RACE_HOURS = 6
LE_MANS_HOURS = 24
# Laps a car that finishes (a 6-hour race is 150 to 200 at Spa or Fuji); the standings read
# the stored result rows, and the laps only for who drove and to classify a corrected race.
RACE_LAPS = 150


def car_numbers():
    """(class index, number) of the 60 cars: 1..15 Hypercar, 21..35 LMP2 ..., the last Am car the guest."""
    cars = []
    for class_index, (_, _, _, count, _) in enumerate(CLASSES):
        for slot in range(count):
            cars.append((class_index, str(class_index * 20 + slot + 1)))
    cars[-1] = (cars[-1][0], GUEST_CAR)
    return cars


def build_season():
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=YEAR)
    classes = [
        CarClass.objects.create(season=season, code=code, name=name, display_order=order, colour=colour)
        for order, (code, name, colour, _, _) in enumerate(CLASSES, start=1)
    ]
    circuit = Circuit.objects.create(name="Circuit de la Sarthe", country="France", length_m=13626)
    cars = car_numbers()
    for number in PRIVATE_CARS:
        SeasonEntrant.objects.create(season=season, car_number=number, kind=EntrantKind.PRIVATE)
    SeasonEntrant.objects.create(season=season, car_number=GUEST_CAR, kind=EntrantKind.GUEST)
    teams = {number: Team.objects.create(name=f"Team {number}") for _, number in cars}
    drivers = {
        number: [Driver.objects.create(first_name=f"Driver{slot}", last_name=f"Car{number}") for slot in range(3)]
        for _, number in cars
    }
    laps = 0
    for order in range(1, ROUNDS + 1):
        rng = random.Random(order)
        day = dt.date(YEAR, 3, 1) + dt.timedelta(days=order * 21)
        round_ = Round.objects.create(
            season=season, order=order, name=f"Round {order}", slug=f"round-{order}", circuit=circuit,
            start_date=day, end_date=day,
        )  # fmt: skip
        start = dt.datetime(YEAR, day.month, day.day, 12, tzinfo=dt.UTC)
        qualifying = Session.objects.create(
            round=round_, kind="qualifying", name="Qualifying", slug="qualifying", start=start - dt.timedelta(days=1),
            status=SessionStatus.FINAL,
        )  # fmt: skip
        hours = LE_MANS_HOURS if order == LE_MANS_ROUND else RACE_HOURS
        race = Session.objects.create(
            round=round_, kind="race", name="Race", slug="race", start=start, duration_ms=hours * MS_PER_HOUR,
            status=SessionStatus.PROVISIONAL if order == ROUNDS else SessionStatus.FINAL,
        )  # fmt: skip
        rows = []
        for class_index, number in cars:
            base = CLASSES[class_index][4]
            entry = Entry.objects.create(
                round=round_, number=number, car_class=classes[class_index], team=teams[number], car="Car",
                manufacturer=f"Maker {int(number) % 5}",
            )  # fmt: skip
            EntryDriver.objects.bulk_create(
                EntryDriver(entry=entry, driver=driver, order=slot)
                for slot, driver in enumerate(drivers[number], start=1)
            )
            pace = rng.randint(0, 3_000)
            for session, count in ((qualifying, 3), (race, RACE_LAPS if rng.random() > 0.05 else rng.randint(5, 20))):
                elapsed = 0
                for lap_number in range(1, count + 1):
                    lap_time = base + pace + rng.randint(0, 1_500)
                    elapsed += lap_time
                    rows.append(
                        Lap(
                            session=session, entry=entry, driver=drivers[number][lap_number * 3 // (count + 1)],
                            lap_number=lap_number, lap_time_ms=lap_time, elapsed_ms=elapsed,
                        )
                    )  # fmt: skip
        Lap.objects.bulk_create(rows, batch_size=5000)
        laps += len(rows)
        services.session_results_touch(session_ids=[qualifying.pk, race.pk])
    return season, laps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=3)
    args = parser.parse_args()

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    season, laps = build_season()
    client = Client()
    json_url, page_url = f"/api/v1/wec/{YEAR}/standings", f"/wec/{YEAR}/standings/"
    static_url, small_url = "/static/events/css/site.css", "/api/v1/championships"
    first = time.perf_counter()
    response = client.get(json_url)
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    first_ms = (time.perf_counter() - first) * 1000
    rows = sum(len(table["rows"]) for table in body["tables"])
    print(
        f"built {ROUNDS} rounds, {Entry.objects.count()} entries ({Entry.objects.count() // ROUNDS} cars), "
        f"{laps:,} laps in {time.perf_counter() - started:.1f} s; {len(body['tables'])} tables, {rows} rows; "
        f"first read (classify every session, compute, store) {first_ms:.0f} ms"
    )
    assert SeasonStandings.objects.filter(season=season).exists()

    gc.collect()
    gc.freeze()  # like a server worker after start-up

    def uncached(url):
        caches["results"].clear()
        get(client, url)

    measures = {
        "standings JSON": lambda: uncached(json_url),
        "standings page": lambda: uncached(page_url),
        "standings page, one table (?table=)": lambda: uncached(f"{page_url}?table=hypercar-drivers"),
        "standings embed (one table)": lambda: uncached(f"/embed{page_url}?table=hypercar-drivers"),
        "reference: championships JSON": lambda: uncached(small_url),
        "reference: static file": lambda: get(client, static_url),
    }
    for measure in measures.values():  # warm up
        measure()
    samples = {label: [] for label in measures}
    for _ in range(args.runs):
        for label, measure in measures.items():
            began = time.perf_counter()
            measure()
            samples[label].append((time.perf_counter() - began) * 1000)

    print(f"\n{'uncached, ' + str(args.runs) + ' round-robin runs':<44} {'median ms':>10} {'p95 ms':>8} {'target':>7}")
    for label, values in samples.items():
        target = "25" if label in ("standings JSON", "standings page") else ""
        print(f"{label:<44} {statistics.median(values):10.2f} {p95(values):8.2f} {target:>7}")

    print(f"\n{'kept answers, ' + str(args.seconds) + ' s each, alternating':<44} {'req/s':>10}")
    rates = {label: [] for label in ("standings JSON", "standings page", "static file")}
    get(client, json_url), get(client, page_url)
    for _ in range(2):
        for label, url in (("standings JSON", json_url), ("standings page", page_url), ("static file", static_url)):
            rates[label].append(rate(client, url, args.seconds / 2))
    for label, values in rates.items():
        print(f"{label:<44} {statistics.mean(values):10.0f}")
    for label in ("standings JSON", "standings page"):
        ratio = statistics.mean(rates[label]) / statistics.mean(rates["static file"])
        print(f"{label + ' / static file':<44} {ratio:9.0%}")

    race = Session.objects.get(round__season=season, round__order=ROUNDS // 2 + 1, kind="race")
    entry = Entry.objects.get(round=race.round, number="22")
    corrections = {"standings JSON": [], "standings page": []}
    runs = max(5, args.runs // 4)
    for run in range(runs):
        for label, url in (("standings JSON", json_url), ("standings page", page_url)):
            penalty = Penalty.objects.active().filter(session=race, entry=entry).first()
            if penalty is None:
                services.penalty_apply(
                    session=race, entry=entry, kind=PenaltyKind.TIME, time_ms=60_000 * (run + 1),
                    reason="Full course yellow speeding", user=None,
                )  # fmt: skip
            else:
                services.penalty_revoke(penalty=penalty, user=None, reason="Appeal upheld")
            began = time.perf_counter()
            get(client, url)
            corrections[label].append((time.perf_counter() - began) * 1000)
    heading = f"first read after a penalty, {runs} runs each"
    print(f"\n{heading:<44} {'median ms':>10} {'p95 ms':>8} {'target':>7}")
    for label, values in corrections.items():
        print(f"{label:<44} {statistics.median(values):10.2f} {p95(values):8.2f} {'300':>7}")


if __name__ == "__main__":
    main()
