"""The demo round: qualifying of the 2021 FIA WEC 8 Hours of Portimao.

Built from the facts of the news report of that session (the reference scenario):
Alpine #36 on pole with 1:30.364 by 0.094 s from Toyota #8, Toyota #7 third,
Glickenhaus #709 eleventh at 1:32.167; JOTA #28 on LMP2 pole by 0.045 s from #38,
#29 third of LMP2 and sixth overall; Porsche #92 on LMGTE Pro pole with 1:37.986,
Ferrari #51 three tenths behind, Porsche #91 third after its best lap was deleted
for track limits; Ferrari #52 losing a lap the same way, so that Porsche #56, the
LMGTE Am pole, is the fourth GTE. Times the report does not give are plausible
values chosen to respect its order.

:func:`load_demo` is idempotent: it creates what is missing and never overwrites
what exists, so an editor's corrections to the demo survive a second run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from . import services
from .core.laptime import parse_lap_time
from .enums import DeletionReason, FiaCategory, FlagAtLine, QualifyingRule, SessionKind, SessionStatus
from .models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team

SESSION_PATH = "wec/2021/portimao/qualifying"
SESSION_START = dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC)
LOCAL_OFFSET = dt.timedelta(hours=1)  # Portugal in summer (WEST)
GTE_START_MS = 0  # the GTE cars qualified first ...
PROTOTYPE_START_MS = 25 * 60 * 1000  # ... then the Hypercars and LMP2s

CLASSES = [
    # code, name, display order, colour
    ("HYPERCAR", "Hypercar", 1, "#d4001a"),
    ("LMP2", "LMP2", 2, "#1f5fbf"),
    ("LMGTE Pro", "LMGTE Pro", 3, "#00843d"),
    ("LMGTE Am", "LMGTE Am", 4, "#e07b00"),
]


@dataclass(frozen=True)
class DemoCar:
    number: str
    car_class: str
    team: str
    car: str
    manufacturer: str
    tyres: str
    drivers: list[tuple[str, str, str, str]]  # first name, last name, nationality, FIA category
    qualifier: int  # index into drivers: who drove in qualifying
    laps: list[str]  # lap times in order; the last is the in-lap
    deleted_laps: dict[int, str] = field(default_factory=dict)  # lap number -> why
    group: str = ""


P, G, S, B = FiaCategory.PLATINUM, FiaCategory.GOLD, FiaCategory.SILVER, FiaCategory.BRONZE

CARS = [
    DemoCar(
        "36",
        "HYPERCAR",
        "Alpine Elf Matmut",
        "Alpine A480 - Gibson",
        "Alpine",
        "Michelin",
        [
            ("Andre", "Negrao", "Brazil", P),
            ("Nicolas", "Lapierre", "France", P),
            ("Matthieu", "Vaxiviere", "France", P),
        ],
        2,
        ["1:58.214", "1:30.877", "1:30.364", "1:30.512", "1:44.903"],
    ),
    DemoCar(
        "8",
        "HYPERCAR",
        "Toyota Gazoo Racing",
        "Toyota GR010 - Hybrid",
        "Toyota",
        "Michelin",
        [
            ("Sebastien", "Buemi", "Switzerland", P),
            ("Kazuki", "Nakajima", "Japan", P),
            ("Brendon", "Hartley", "New Zealand", P),
        ],
        2,
        ["1:57.650", "1:30.702", "1:30.458", "1:30.611", "1:45.208"],
    ),
    DemoCar(
        "7",
        "HYPERCAR",
        "Toyota Gazoo Racing",
        "Toyota GR010 - Hybrid",
        "Toyota",
        "Michelin",
        [
            ("Mike", "Conway", "United Kingdom", P),
            ("Kamui", "Kobayashi", "Japan", P),
            ("Jose Maria", "Lopez", "Argentina", P),
        ],
        0,
        ["1:57.992", "1:30.921", "1:30.573", "1:30.640", "1:44.777"],
    ),
    DemoCar(
        "709",
        "HYPERCAR",
        "Glickenhaus Racing",
        "Glickenhaus 007 LMH",
        "Glickenhaus",
        "Michelin",
        [
            ("Romain", "Dumas", "France", P),
            ("Richard", "Westbrook", "United Kingdom", P),
            ("Ryan", "Briscoe", "Australia", P),
        ],
        1,
        ["2:00.115", "1:32.481", "1:32.167", "1:32.302", "1:46.310"],
    ),
    DemoCar(
        "28",
        "LMP2",
        "Jota",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Sean", "Gelael", "Indonesia", S),
            ("Stoffel", "Vandoorne", "Belgium", P),
            ("Tom", "Blomqvist", "United Kingdom", S),
        ],
        2,
        ["1:59.020", "1:31.530", "1:31.164", "1:31.288", "1:45.930"],
    ),
    DemoCar(
        "38",
        "LMP2",
        "Jota",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Roberto", "Gonzalez", "Mexico", S),
            ("Antonio", "Felix da Costa", "Portugal", P),
            ("Anthony", "Davidson", "United Kingdom", P),
        ],
        1,
        ["1:58.871", "1:31.402", "1:31.301", "1:31.209", "1:45.611"],
    ),
    DemoCar(
        "29",
        "LMP2",
        "Racing Team Nederland",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Frits", "van Eerd", "Netherlands", B),
            ("Giedo", "van der Garde", "Netherlands", P),
            ("Job", "van Uitert", "Netherlands", S),
        ],
        2,
        ["1:59.480", "1:31.862", "1:31.498", "1:31.655", "1:46.002"],
    ),
    DemoCar(
        "22",
        "LMP2",
        "United Autosports USA",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Philip", "Hanson", "United Kingdom", S),
            ("Filipe", "Albuquerque", "Portugal", P),
            ("Fabio", "Scherer", "Switzerland", S),
        ],
        0,
        ["1:59.311", "1:31.996", "1:31.612", "1:31.790", "1:46.121"],
    ),
    DemoCar(
        "31",
        "LMP2",
        "Team WRT",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Robin", "Frijns", "Netherlands", P),
            ("Ferdinand", "Habsburg", "Austria", S),
            ("Charles", "Milesi", "France", S),
        ],
        2,
        ["1:59.604", "1:32.050", "1:31.745", "1:31.880", "1:46.208"],
    ),
    DemoCar(
        "34",
        "LMP2",
        "Inter Europol Competition",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Jakub", "Smiechowski", "Poland", S),
            ("Alex", "Brundle", "United Kingdom", G),
            ("Renger", "van der Zande", "Netherlands", P),
        ],
        0,
        ["1:59.877", "1:32.245", "1:31.893", "1:32.012", "1:46.499"],
    ),
    DemoCar(
        "70",
        "LMP2",
        "Realteam Racing",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [("Esteban", "Garcia", "Switzerland", S), ("Norman", "Nato", "France", P), ("Loic", "Duval", "France", P)],
        1,
        ["2:00.020", "1:32.377", "1:32.011", "1:32.130", "1:46.588"],
    ),
    DemoCar(
        "65",
        "LMP2",
        "Panis Racing",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Julien", "Canal", "France", S),
            ("Will", "Stevens", "United Kingdom", P),
            ("James", "Allen", "Australia", G),
        ],
        1,
        ["2:00.355", "1:32.598", "1:32.240", "1:32.417", "1:46.640"],
    ),
    DemoCar(
        "1",
        "LMP2",
        "Richard Mille Racing Team",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Tatiana", "Calderon", "Colombia", S),
            ("Sophia", "Floersch", "Germany", S),
            ("Beitske", "Visser", "Netherlands", S),
        ],
        2,
        ["2:00.604", "1:32.903", "1:32.512", "1:32.733", "1:47.006"],
    ),
    DemoCar(
        "44",
        "LMP2",
        "ARC Bratislava",
        "Oreca 07 - Gibson",
        "Oreca",
        "Goodyear",
        [
            ("Miroslav", "Konopka", "Slovakia", B),
            ("Oliver", "Webb", "United Kingdom", S),
            ("Tristan", "Vautier", "France", S),
        ],
        1,
        ["2:01.102", "1:33.488", "1:33.104", "1:33.265", "1:47.311"],
        group="P/A",
    ),
    DemoCar(
        "92",
        "LMGTE Pro",
        "Porsche GT Team",
        "Porsche 911 RSR-19",
        "Porsche",
        "Michelin",
        [("Kevin", "Estre", "France", P), ("Neel", "Jani", "Switzerland", P)],
        0,
        ["2:06.331", "1:38.420", "1:37.986", "1:38.211", "1:52.402"],
    ),
    DemoCar(
        "91",
        "LMGTE Pro",
        "Porsche GT Team",
        "Porsche 911 RSR-19",
        "Porsche",
        "Michelin",
        [("Gianmaria", "Bruni", "Italy", P), ("Richard", "Lietz", "Austria", P)],
        0,
        ["2:06.118", "1:38.893", "1:38.402", "1:38.127", "1:52.004"],
        deleted_laps={4: "Track limits on the car's best lap"},
    ),
    DemoCar(
        "51",
        "LMGTE Pro",
        "AF Corse",
        "Ferrari 488 GTE Evo",
        "Ferrari",
        "Michelin",
        [("Alessandro", "Pier Guidi", "Italy", P), ("James", "Calado", "United Kingdom", P)],
        1,
        ["2:06.540", "1:38.714", "1:38.291", "1:38.466", "1:52.880"],
    ),
    DemoCar(
        "52",
        "LMGTE Pro",
        "AF Corse",
        "Ferrari 488 GTE Evo",
        "Ferrari",
        "Michelin",
        [("Miguel", "Molina", "Spain", P), ("Daniel", "Serra", "Brazil", P)],
        1,
        ["2:06.702", "1:39.212", "1:38.350", "1:38.779", "1:53.015"],
        deleted_laps={3: "Track limits"},
    ),
    DemoCar(
        "56",
        "LMGTE Am",
        "Team Project 1",
        "Porsche 911 RSR",
        "Porsche",
        "Michelin",
        [("Egidio", "Perfetti", "Norway", B), ("Riccardo", "Pera", "Italy", S), ("Matteo", "Cairoli", "Italy", P)],
        0,
        ["2:07.015", "1:39.006", "1:38.655", "1:38.742", "1:53.220"],
    ),
    DemoCar(
        "77",
        "LMGTE Am",
        "Dempsey-Proton Racing",
        "Porsche 911 RSR",
        "Porsche",
        "Michelin",
        [
            ("Christian", "Ried", "Germany", B),
            ("Jaxon", "Evans", "New Zealand", G),
            ("Matt", "Campbell", "Australia", P),
        ],
        0,
        ["2:07.230", "1:39.118", "1:38.733", "1:38.662", "1:53.330"],
    ),
    DemoCar(
        "47",
        "LMGTE Am",
        "Cetilar Racing",
        "Ferrari 488 GTE Evo",
        "Ferrari",
        "Michelin",
        [("Roberto", "Lacorte", "Italy", B), ("Giorgio", "Sernagiotto", "Italy", S), ("Antonio", "Fuoco", "Italy", P)],
        0,
        ["2:07.611", "1:39.541", "1:39.102", "1:39.250", "1:53.702"],
    ),
    DemoCar(
        "83",
        "LMGTE Am",
        "AF Corse",
        "Ferrari 488 GTE Evo",
        "Ferrari",
        "Michelin",
        [("Francois", "Perrodo", "France", B), ("Nicklas", "Nielsen", "Denmark", G), ("Alessio", "Rovera", "Italy", G)],
        0,
        ["2:07.844", "1:39.806", "1:39.433", "1:39.590", "1:53.918"],
    ),
    DemoCar(
        "33",
        "LMGTE Am",
        "TF Sport",
        "Aston Martin Vantage AMR",
        "Aston Martin",
        "Michelin",
        [
            ("Ben", "Keating", "United States", B),
            ("Dylan", "Pereira", "Luxembourg", S),
            ("Felipe", "Fraga", "Brazil", G),
        ],
        0,
        ["2:08.011", "1:40.120", "1:39.716", "1:39.874", "1:54.105"],
    ),
    DemoCar(
        "98",
        "LMGTE Am",
        "Aston Martin Racing",
        "Aston Martin Vantage AMR",
        "Aston Martin",
        "Michelin",
        [("Paul", "Dalla Lana", "Canada", B), ("Marcos", "Gomes", "Brazil", G), ("Augusto", "Farfus", "Brazil", P)],
        0,
        ["2:08.205", "1:40.301", "1:39.935", "1:40.012", "1:54.330"],
    ),
    DemoCar(
        "85",
        "LMGTE Am",
        "Iron Lynx",
        "Ferrari 488 GTE Evo",
        "Ferrari",
        "Michelin",
        [("Rahel", "Frey", "Switzerland", B), ("Michelle", "Gatting", "Denmark", S), ("Sarah", "Bovy", "Belgium", B)],
        0,
        ["2:08.460", "1:40.655", "1:40.228", "1:40.390", "1:54.611"],
    ),
    # Thomas Flohr spun on his first flying lap.
    DemoCar(
        "54",
        "LMGTE Am",
        "AF Corse",
        "Ferrari 488 GTE Evo",
        "Ferrari",
        "Michelin",
        [
            ("Thomas", "Flohr", "Switzerland", B),
            ("Francesco", "Castellacci", "Italy", S),
            ("Giancarlo", "Fisichella", "Italy", P),
        ],
        0,
        ["2:08.720", "1:51.337", "1:40.574", "1:40.702", "1:54.880"],
    ),
]


def _sectors(lap_time_ms: int) -> tuple[int, int, int]:
    """Split a lap into Portimao-like sectors that add up exactly."""
    sector_1 = lap_time_ms * 31 // 100
    sector_2 = lap_time_ms * 38 // 100
    return sector_1, sector_2, lap_time_ms - sector_1 - sector_2


def _build_laps(session: Session, entry: Entry, car: DemoCar, driver: Driver) -> list[Lap]:
    elapsed_ms = GTE_START_MS if car.car_class.startswith("LMGTE") else PROTOTYPE_START_MS
    laps = []
    for lap_number, text in enumerate(car.laps, start=1):
        lap_time_ms = parse_lap_time(text)
        elapsed_ms += lap_time_ms
        sector_1, sector_2, sector_3 = _sectors(lap_time_ms)
        local_time = SESSION_START + LOCAL_OFFSET + dt.timedelta(milliseconds=elapsed_ms)
        is_in_lap = lap_number == len(car.laps)
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
                top_speed_kph=None if lap_number == 1 else (300 if car.car_class in {"HYPERCAR", "LMP2"} else 270),
            )
        )
    return laps


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo round where it is missing; return what was created."""
    created = {"entries": 0, "laps": 0, "deleted lap times": 0}
    championship, _ = Championship.objects.get_or_create(
        slug="wec", defaults={"name": "FIA World Endurance Championship", "short_name": "WEC"}
    )
    season, _ = Season.objects.get_or_create(
        championship=championship,
        year=2021,
        defaults={"qualifying_rule": QualifyingRule.BEST_LAP, "classification_threshold_percent": 70},
    )
    circuit, _ = Circuit.objects.get_or_create(
        name="Autodromo Internacional do Algarve", defaults={"country": "Portugal", "length_m": 4653}
    )
    round_, _ = Round.objects.get_or_create(
        season=season,
        slug="portimao",
        defaults={
            "order": 2,
            "name": "8 Hours of Portimao",
            "circuit": circuit,
            "start_date": dt.date(2021, 6, 11),
            "end_date": dt.date(2021, 6, 13),
        },
    )
    session, _ = Session.objects.get_or_create(
        round=round_,
        slug="qualifying",
        defaults={
            "kind": SessionKind.QUALIFYING,
            "name": "Qualifying",
            "start": SESSION_START,
            "duration_ms": 45 * 60 * 1000,
            "status": SessionStatus.PROVISIONAL,
        },
    )
    classes = {}
    for code, name, display_order, colour in CLASSES:
        classes[code], _ = CarClass.objects.get_or_create(
            season=season, code=code, defaults={"name": name, "display_order": display_order, "colour": colour}
        )

    new_laps: list[Lap] = []
    deletions: list[tuple[Entry, int, str]] = []
    for car in CARS:
        team, _ = Team.objects.get_or_create(name=car.team)
        entry, entry_created = Entry.objects.get_or_create(
            round=round_,
            number=car.number,
            defaults={
                "car_class": classes[car.car_class],
                "group": car.group,
                "team": team,
                "car": car.car,
                "manufacturer": car.manufacturer,
                "tyres": car.tyres,
            },
        )
        created["entries"] += entry_created
        drivers = []
        for order, (first_name, last_name, nationality, category) in enumerate(car.drivers, start=1):
            driver, _ = Driver.objects.get_or_create(
                first_name=first_name,
                last_name=last_name,
                defaults={"nationality": nationality, "fia_category": category},
            )
            if entry_created:
                EntryDriver.objects.create(entry=entry, driver=driver, order=order)
            drivers.append(driver)
        if not Lap.objects.filter(session=session, entry=entry).exists():
            new_laps.extend(_build_laps(session, entry, car, drivers[car.qualifier]))
            deletions.extend((entry, lap_number, why) for lap_number, why in car.deleted_laps.items())

    bulk_create_with_history(new_laps, Lap, default_change_reason="Demo data")
    created["laps"] = len(new_laps)
    if new_laps:  # bulk writes send no signals
        services.session_results_touch(session_ids=[session.pk])
    for entry, lap_number, why in deletions:
        lap = Lap.objects.get(session=session, entry=entry, lap_number=lap_number)
        services.lap_time_delete(lap=lap, kind=DeletionReason.TRACK_LIMITS, note=why, user=None)
        created["deleted lap times"] += 1
    return created
