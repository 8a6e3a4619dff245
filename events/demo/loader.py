"""Load the demo round from events/data/demo/portimao-2021-qualifying.toml (see the package's docstring).

In bulk: a few dozen queries whatever the number of cars. Each kind of object is read once,
what is missing is created with ``bulk_create`` (with its history records where the model
keeps a history), and the results signals are held back until one touch at the end.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .. import services
from ..core.laptime import parse_lap_time
from ..data import read_toml
from ..enums import DeletionReason, FiaCategory, FlagAtLine, QualifyingRule, SessionKind, SessionStatus
from ..importers.fastinsert import insert_with_history
from ..models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team
from ..results.signals import results_signals_suspended

DATA_FILE = "demo/portimao-2021-qualifying.toml"
_DATA = read_toml(DATA_FILE)
SESSION_PATH = (
    f"{_DATA['championship']['slug']}/{_DATA['season']['year']}/{_DATA['round']['slug']}/{_DATA['session']['slug']}"
)
PROTOTYPE_CLASSES = {"HYPERCAR", "LMP2"}


def _sectors(lap_time_ms: int) -> tuple[int, int, int]:
    """Split a lap into Portimao-like sectors that add up exactly."""
    sector_1 = lap_time_ms * 31 // 100
    sector_2 = lap_time_ms * 38 // 100
    return sector_1, sector_2, lap_time_ms - sector_1 - sector_2


def _lap_rows(session: Session, entry: Entry, car: dict, driver: Driver, timing: dict) -> list[dict]:
    """The car's laps as in the data file (for ``insert_with_history``); the GTE cars went out first."""
    is_gte = car["class"].startswith("LMGTE")
    elapsed_ms = timing["gte_start_minutes" if is_gte else "prototype_start_minutes"] * 60 * 1000
    local_start = timing["start"] + dt.timedelta(minutes=timing["local_offset_minutes"])
    top_speed_kph = Decimal(300 if car["class"] in PROTOTYPE_CLASSES else 270)
    rows = []
    for lap_number, text in enumerate(car["laps"], start=1):
        lap_time_ms = parse_lap_time(text)
        elapsed_ms += lap_time_ms
        sector_1, sector_2, sector_3 = _sectors(lap_time_ms)
        local_time = local_start + dt.timedelta(milliseconds=elapsed_ms)
        rows.append(
            {
                "session_id": session.pk,
                "entry_id": entry.pk,
                "driver_id": driver.pk,
                "lap_number": lap_number,
                "lap_time_ms": lap_time_ms,
                "imported_lap_time_ms": lap_time_ms,  # as official timing gave it: not removable
                "sector_1_ms": sector_1,
                "sector_2_ms": sector_2,
                "sector_3_ms": sector_3,
                "crossed_line_in_pit": lap_number == len(car["laps"]),  # the in-lap
                "elapsed_ms": elapsed_ms,
                "time_of_day": local_time.time(),
                "flag_at_line": FlagAtLine.GREEN,
                "top_speed_kph": None if lap_number == 1 else top_speed_kph,
            }
        )
    return rows


def _event(data: dict) -> tuple[Season, Round, Session]:
    """The championship, season, circuit, round and session, each created if missing."""
    championship, _ = Championship.objects.get_or_create(
        slug=data["championship"]["slug"],
        defaults={"name": data["championship"]["name"], "short_name": data["championship"]["short_name"]},
    )
    season, _ = Season.objects.get_or_create(
        championship=championship,
        year=data["season"]["year"],
        defaults={
            "qualifying_rule": QualifyingRule(data["season"]["qualifying_rule"]),
            "classification_threshold_percent": data["season"]["classification_threshold_percent"],
        },
    )
    circuit, _ = Circuit.objects.get_or_create(
        name=data["circuit"]["name"],
        defaults={
            "country": data["circuit"]["country"],
            "length_m": data["circuit"]["length_m"],
            "time_zone": data["circuit"].get("time_zone", ""),
        },
    )
    round_data = data["round"]
    round_, _ = Round.objects.get_or_create(
        season=season,
        slug=round_data["slug"],
        defaults={
            "order": round_data["order"],
            "name": round_data["name"],
            "circuit": circuit,
            "start_date": round_data["start_date"],
            "end_date": round_data["end_date"],
        },
    )
    timing = data["session"]
    session, _ = Session.objects.get_or_create(
        round=round_,
        slug=timing["slug"],
        defaults={
            "kind": SessionKind(timing["kind"]),
            "name": timing["name"],
            "start": timing["start"],
            "duration_ms": timing["duration_minutes"] * 60 * 1000,
            "status": SessionStatus(timing["status"]),
        },
    )
    return season, round_, session


def _classes(season: Season, wanted: list[dict]) -> tuple[dict[str, CarClass], int]:
    """The season's classes by code, and how many of them were created."""
    classes = {car_class.code: car_class for car_class in CarClass.objects.filter(season=season)}
    missing = [
        CarClass(
            season=season,
            code=car_class["code"],
            name=car_class["name"],
            display_order=car_class["display_order"],
            colour=car_class["colour"],
        )
        for car_class in wanted
        if car_class["code"] not in classes
    ]
    CarClass.objects.bulk_create(missing)
    classes.update((car_class.code, car_class) for car_class in missing)
    return classes, len(missing)


def _teams(cars: list[dict]) -> dict[str, Team]:
    names = list(dict.fromkeys(car["team"] for car in cars))  # in order of first appearance
    teams = {team.name: team for team in Team.objects.filter(name__in=names)}
    missing = [Team(name=name) for name in names if name not in teams]
    Team.objects.bulk_create(missing)
    teams.update((team.name, team) for team in missing)
    return teams


def _drivers(cars: list[dict]) -> dict[tuple[str, str], Driver]:
    """Drivers by (first name, last name); one already there (the oldest of namesakes) is kept as it is."""
    people = {(person["first_name"], person["last_name"]): person for car in cars for person in car["drivers"]}
    drivers: dict[tuple[str, str], Driver] = {}
    for driver in Driver.objects.filter(last_name__in={last for _, last in people}).order_by("pk"):
        if (driver.first_name, driver.last_name) in people:
            drivers.setdefault((driver.first_name, driver.last_name), driver)
    missing = [
        Driver(
            first_name=first_name,
            last_name=last_name,
            nationality=person["nationality"],
            fia_category=FiaCategory(person["category"]),
        )
        for (first_name, last_name), person in people.items()
        if (first_name, last_name) not in drivers
    ]
    Driver.objects.bulk_create(missing)
    drivers.update(((driver.first_name, driver.last_name), driver) for driver in missing)
    return drivers


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo round where it is missing; return what was created."""
    data = read_toml(DATA_FILE)
    cars = data["cars"]
    with results_signals_suspended():  # one touch at the end instead of one per object
        season, round_, session = _event(data)
        classes, classes_created = _classes(season, data["classes"])
        teams = _teams(cars)
        drivers = _drivers(cars)

        entries = {entry.number: entry for entry in Entry.objects.filter(round=round_)}
        new_entries = [
            Entry(
                round=round_,
                number=car["number"],
                car_class=classes[car["class"]],
                group=car.get("group", ""),
                team=teams[car["team"]],
                car=car["car"],
                manufacturer=car["manufacturer"],
                tyres=car["tyres"],
            )
            for car in cars
            if car["number"] not in entries
        ]
        bulk_create_with_history(new_entries, Entry)
        entries.update((entry.number, entry) for entry in new_entries)
        created_numbers = {entry.number for entry in new_entries}
        bulk_create_with_history(
            [
                EntryDriver(
                    entry=entries[car["number"]],
                    driver=drivers[person["first_name"], person["last_name"]],
                    order=order,
                )
                for car in cars
                if car["number"] in created_numbers
                for order, person in enumerate(car["drivers"], start=1)
            ],
            EntryDriver,
        )

        with_laps = set(Lap.objects.filter(session=session).order_by().values_list("entry_id", flat=True).distinct())
        new_laps: list[dict] = []
        deletions: dict[tuple[int, int], tuple[str, str]] = {}  # (entry id, lap number) -> kind, note
        for car in cars:
            entry = entries[car["number"]]
            if entry.pk in with_laps:
                continue
            qualifier = car["drivers"][car["qualifier"]]
            driver = drivers[qualifier["first_name"], qualifier["last_name"]]
            new_laps.extend(_lap_rows(session, entry, car, driver, data["session"]))
            for deleted in car.get("deleted_laps", []):
                deletions[entry.pk, deleted["lap"]] = (DeletionReason(deleted["kind"]), deleted["note"])
        insert_with_history(
            Lap, new_laps, key_fields=("session_id", "entry_id", "lap_number"), user=None, reason="Demo data"
        )
        to_delete = [row["id"] for row in new_laps if (row["entry_id"], row["lap_number"]) in deletions]
        for lap in Lap.objects.filter(pk__in=to_delete).order_by("pk"):  # two or three: the service itself
            kind, note = deletions[lap.entry_id, lap.lap_number]
            services.lap_time_delete(lap=lap, kind=kind, note=note, user=None)

    # What the results signals would have touched: the sessions that show the new classes, entries and laps.
    touched: set[int] = set()
    if classes_created:
        touched.update(Session.objects.filter(round__season=season).values_list("pk", flat=True))
    elif new_entries:  # (the season's sessions include the round's)
        touched.update(Session.objects.filter(round=round_).values_list("pk", flat=True))
    if new_laps:
        touched.add(session.pk)
    services.session_results_touch(session_ids=touched)
    return {"entries": len(new_entries), "laps": len(new_laps), "deleted lap times": len(to_delete)}
