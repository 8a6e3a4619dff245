"""Load the demo round from events/data/demo/portimao-2021-qualifying.toml (see the package's docstring)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .. import services
from ..data import read_toml
from ..enums import DeletionReason, FiaCategory, FlagAtLine, QualifyingRule, SessionKind, SessionStatus
from ..laptime import parse_lap_time
from ..models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team

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


def _build_laps(session: Session, entry: Entry, car: dict, driver: Driver, timing: dict) -> list[Lap]:
    """The car's laps as in the data file; the GTE cars went out first, the prototypes later."""
    is_gte = car["class"].startswith("LMGTE")
    elapsed_ms = timing["gte_start_minutes" if is_gte else "prototype_start_minutes"] * 60 * 1000
    local_start = timing["start"] + dt.timedelta(minutes=timing["local_offset_minutes"])
    laps = []
    for lap_number, text in enumerate(car["laps"], start=1):
        lap_time_ms = parse_lap_time(text)
        elapsed_ms += lap_time_ms
        sector_1, sector_2, sector_3 = _sectors(lap_time_ms)
        local_time = local_start + dt.timedelta(milliseconds=elapsed_ms)
        is_in_lap = lap_number == len(car["laps"])
        laps.append(
            Lap(
                session=session,
                entry=entry,
                driver=driver,
                lap_number=lap_number,
                lap_time_ms=lap_time_ms,
                sector_1_ms=sector_1,
                sector_2_ms=sector_2,
                sector_3_ms=sector_3,
                crossed_line_in_pit=is_in_lap,
                elapsed_ms=elapsed_ms,
                time_of_day=local_time.time(),
                flag_at_line=FlagAtLine.GREEN,
                top_speed_kph=None if lap_number == 1 else (300 if car["class"] in PROTOTYPE_CLASSES else 270),
            )
        )
    return laps


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo round where it is missing; return what was created."""
    data = read_toml(DATA_FILE)
    created = {"entries": 0, "laps": 0, "deleted lap times": 0}
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
        defaults={"country": data["circuit"]["country"], "length_m": data["circuit"]["length_m"]},
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
    classes = {}
    for car_class in data["classes"]:
        classes[car_class["code"]], _ = CarClass.objects.get_or_create(
            season=season,
            code=car_class["code"],
            defaults={
                "name": car_class["name"],
                "display_order": car_class["display_order"],
                "colour": car_class["colour"],
            },
        )

    new_laps: list[Lap] = []
    deletions: list[tuple[Entry, int, str, str]] = []
    for car in data["cars"]:
        team, _ = Team.objects.get_or_create(name=car["team"])
        entry, entry_created = Entry.objects.get_or_create(
            round=round_,
            number=car["number"],
            defaults={
                "car_class": classes[car["class"]],
                "group": car.get("group", ""),
                "team": team,
                "car": car["car"],
                "manufacturer": car["manufacturer"],
                "tyres": car["tyres"],
            },
        )
        created["entries"] += entry_created
        drivers = []
        for order, person in enumerate(car["drivers"], start=1):
            driver, _ = Driver.objects.get_or_create(
                first_name=person["first_name"],
                last_name=person["last_name"],
                defaults={"nationality": person["nationality"], "fia_category": FiaCategory(person["category"])},
            )
            if entry_created:
                EntryDriver.objects.create(entry=entry, driver=driver, order=order)
            drivers.append(driver)
        if not Lap.objects.filter(session=session, entry=entry).exists():
            new_laps.extend(_build_laps(session, entry, car, drivers[car["qualifier"]], timing))
            deletions.extend(
                (entry, deleted["lap"], DeletionReason(deleted["kind"]), deleted["note"])
                for deleted in car.get("deleted_laps", [])
            )

    bulk_create_with_history(new_laps, Lap, default_change_reason="Demo data")
    created["laps"] = len(new_laps)
    if new_laps:  # bulk writes send no signals
        services.session_results_touch(session_ids=[session.pk])
    for entry, lap_number, kind, note in deletions:
        lap = Lap.objects.get(session=session, entry=entry, lap_number=lap_number)
        services.lap_time_delete(lap=lap, kind=kind, note=note, user=None)
        created["deleted lap times"] += 1
    return created
