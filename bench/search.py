"""Benchmark: search and the front page on PostgreSQL, in a database of 10 seasons (5,000 drivers,
about 500,000 laps).

Builds, in the PostgreSQL database ``BENCH_DATABASE_URL`` names (dropped and made again: by
default ``wecresults_search_bench`` on 127.0.0.1), 10 seasons of 8 rounds of 60 cars in
four classes, each car with three drivers drawn from 5,000 (names with accents among
them), each round a race of 100 laps a car; then asks the search page and the drivers
API, through Django's test client with production settings (DEBUG off), for names
(whole, part, without accents), a car number with a year and an event, and the front page
(kept, and built again with the results cache emptied before each request), against the
static file in the same run.

    .venv/bin/python bench/search.py [--runs 50]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python bench/search.py
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wecresults_search_bench")

# isort: split
from production_sqlite import get, p95  # sets Django up first: production settings, the database above

# isort: split

import psycopg
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

from events.models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team

SEASONS, ROUNDS, CARS, LAPS = range(2016, 2026), 8, 60, 100
CLASSES = [("HYPERCAR", 15), ("LMP2", 15), ("LMGTE Pro", 15), ("LMGTE Am", 15)]
FIRST = (
    "Antonio Sébastien Loïc Matthieu Nicolás José María Kévin Frédéric Zoé Brendon Kamui Mike Nyck Robert Yifei "
    "Miguel Alessandro Earl Ryō Jenson Jean-Éric André Felipe Ricardo Hélio Léna Théo Björn Sören Jørgen Ana "
    "Inés Raúl Joël Noël Chloé Renée Paulo Tiago Łukasz Michał Ondřej"
).split()
LAST = (
    "Fuoco Buemi Duval Vaxivière Varrone López Estre Makowiecki Ténière Hartley Kobayashi Conway Vries Kubica Ye "
    "Molina Pier Guidi Bamber Hirakawa Button Vergne Lotterer Nasr Feliz Castroneves Müller Schürmann Ødegaard "
    "Núñez García Pérez Ramírez Gómez Hernández Jiménez Muñoz Álvarez Romero Gutiérrez Navarro Domínguez Vázquez "
    "Ramos Gil Serrano Blanco Suárez Molinero Morales Ortega Delgado Castro Ortiz Rubio Marín Sanz Iglesias Núñoz "
    "Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León "
    "Márquez Herrera Peña Flores Cabrera Campos Vega Fuentes Carrasco Diez Caballero Reyes Nieto Aguilar Pascual "
    "Santana Herrero Lorenzo Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente Vargas "
    "Arias Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas"
).split()
TEAMS = 200
QUERIES = [
    ("search page: a whole name, accents left out", "/search?q=matthieu+vaxiviere"),
    ("search page: part of a name", "/search?q=gonz"),
    ("search page: a car number and a year", "/search?q=36+2021"),
    ("search page: an event", "/search?q=sarthe"),
    ("API: drivers?search=", "/api/v1/drivers?search=fuoco"),
    ("front page, kept", "/"),
]
FRONT_PAGE_BUILT = "front page, built (results cache emptied)"
STATIC = "/static/events/css/site.css"


def fresh_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def build() -> tuple[int, int]:
    rng = random.Random(2026)
    names = [(first, last) for last in LAST for first in FIRST]
    rng.shuffle(names)
    drivers = Driver.objects.bulk_create(Driver(first_name=first, last_name=last) for first, last in names[:5000])
    teams = Team.objects.bulk_create(Team(name=f"{rng.choice(LAST)} Racing {index}") for index in range(TEAMS))
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    circuit = Circuit.objects.create(name="Circuit de la Sarthe", country="France", length_m=13626)
    laps = 0
    for year in SEASONS:
        season = Season.objects.create(championship=championship, year=year)
        classes = [
            CarClass.objects.create(season=season, code=code, name=code, display_order=order)
            for order, (code, _) in enumerate(CLASSES, start=1)
        ]
        for order in range(1, ROUNDS + 1):
            day = dt.date(year, 3, 1) + dt.timedelta(days=order * 21)
            round_ = Round.objects.create(
                season=season, order=order, name=f"Round {order} of {year}", slug=f"round-{order}", circuit=circuit,
                start_date=day, end_date=day,
            )  # fmt: skip
            start = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            race = Session.objects.create(round=round_, kind="race", name="Race", slug="race", start=start)
            entries = Entry.objects.bulk_create(
                Entry(round=round_, number=str(index + 1), car_class=classes[index // 15], team=teams[index], car="Car")
                for index in range(CARS)
            )
            line_ups = [rng.sample(drivers, 3) for _ in entries]
            EntryDriver.objects.bulk_create(
                EntryDriver(entry=entry, driver=driver, order=slot)
                for entry, line_up in zip(entries, line_ups, strict=True)
                for slot, driver in enumerate(line_up, start=1)
            )
            rows = []
            for entry, line_up in zip(entries, line_ups, strict=True):
                elapsed = 0
                for lap_number in range(1, LAPS + 1):
                    lap_time = 200_000 + rng.randint(0, 5_000)
                    elapsed += lap_time
                    rows.append(
                        Lap(session=race, entry=entry, driver=line_up[lap_number % 3], lap_number=lap_number,
                            lap_time_ms=lap_time, elapsed_ms=elapsed)
                    )  # fmt: skip
            Lap.objects.bulk_create(rows, batch_size=5000)
            laps += len(rows)
    Session.objects.create(  # the front page's next session
        round=round_, kind="race", name="Next race", slug="next-race", status="scheduled",
        start=dt.datetime.now(dt.UTC) + dt.timedelta(days=7),
    )  # fmt: skip
    return Driver.objects.count(), laps


def timed(client, url, *, empty_cache=False) -> float:
    if empty_cache:
        caches["results"].clear()
    started = time.perf_counter()
    get(client, url)
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    fresh_database(os.environ["BENCH_DATABASE_URL"])
    connection.close()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    began = time.perf_counter()
    drivers, laps = build()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    took = time.perf_counter() - began
    print(f"{len(SEASONS)} seasons, {drivers:,} drivers, {laps:,} laps on PostgreSQL, built in {took:.0f} s")
    client = Client()
    urls = [url for _, url in QUERIES] + [STATIC]
    times = {url: [] for url in [*urls, FRONT_PAGE_BUILT]}
    for url in urls:
        timed(client, url)  # warm up
    for _ in range(args.runs):
        for url in urls:
            times[url].append(timed(client, url))
        times[FRONT_PAGE_BUILT].append(timed(client, "/", empty_cache=True))
    heading = f"measure ({args.runs} runs each, round robin)"
    print(f"\n{heading:<52} {'median ms':>10} {'p95 ms':>8} {'target':>7}")
    for label, url in [*QUERIES, (FRONT_PAGE_BUILT, FRONT_PAGE_BUILT), ("reference: static file", STATIC)]:
        target = "20" if url.startswith(("/search", "/api")) else ""
        print(f"{label:<52} {statistics.median(times[url]):10.2f} {p95(times[url]):8.2f} {target:>7}")
    connection.close()


if __name__ == "__main__":
    sys.exit(main())
