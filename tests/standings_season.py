"""A small 2025 season for the standings decisions' tests: wec/2025/qatar with a race.

A 6-hour race (standard scale: 25, 18, 15, 12 ...; pole point 1) and no qualifying, so
no pole until an editor sets one. Hypercar: #7 Toyota, #51 Ferrari, #83 Ferrari
(AF Corse), #8 Toyota, all on 10 laps in that order; LMGT3: #92 Porsche, #27 Aston
Martin on 9 laps. Each car has one driver, named after it ("Driver 7" ...).
"""

import datetime as dt

from events.enums import SessionKind
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
    RoundPole,
    Season,
    SeasonEntrant,
    Session,
    StatusOverride,
    Team,
)

SEASON = "wec/2025"
ROUND = "wec/2025/qatar"
RACE = "wec/2025/qatar/race"
HOUR_MS = 3_600_000
# number, class, team, manufacturer, laps, lap time (ms)
CARS = [
    ("7", "HYPERCAR", "Toyota Gazoo Racing", "Toyota", 10, 100_000),
    ("51", "HYPERCAR", "Ferrari AF Corse", "Ferrari", 10, 101_000),
    ("83", "HYPERCAR", "AF Corse", "Ferrari", 10, 102_000),
    ("8", "HYPERCAR", "Toyota Gazoo Racing", "Toyota", 10, 103_000),
    ("92", "LMGT3", "Manthey", "Porsche", 9, 112_000),
    ("27", "LMGT3", "Heart of Racing", "Aston Martin", 9, 113_000),
]


def build_season() -> Season:
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=2025)
    classes = {
        "HYPERCAR": CarClass.objects.create(season=season, code="HYPERCAR", name="Hypercar", display_order=1),
        "LMGT3": CarClass.objects.create(season=season, code="LMGT3", name="LMGT3", display_order=2),
    }
    circuit = Circuit.objects.create(name="Lusail", country="Qatar", length_m=5418)
    round_ = Round.objects.create(
        season=season,
        order=1,
        name="Qatar 1812 km",
        slug="qatar",
        circuit=circuit,
        start_date=dt.date(2025, 2, 28),
        end_date=dt.date(2025, 2, 28),
    )
    race = Session.objects.create(
        round=round_, kind=SessionKind.RACE, name="Race", slug="race", duration_ms=6 * HOUR_MS
    )
    teams: dict[str, Team] = {}
    for number, class_code, team_name, manufacturer, laps, lap_time_ms in CARS:
        team = teams.get(team_name) or teams.setdefault(team_name, Team.objects.create(name=team_name))
        entry = Entry.objects.create(
            round=round_,
            number=number,
            car_class=classes[class_code],
            team=team,
            car="Car",
            manufacturer=manufacturer,
        )
        driver = Driver.objects.create(first_name="Driver", last_name=number)
        EntryDriver.objects.create(entry=entry, driver=driver, order=1)
        Lap.objects.bulk_create(
            Lap(
                session=race,
                entry=entry,
                driver=driver,
                lap_number=lap_number,
                lap_time_ms=lap_time_ms,
                elapsed_ms=lap_number * lap_time_ms,
            )
            for lap_number in range(1, laps + 1)
        )
    return season


def add_round(season: Season, *, slug: str, order: int, cars: list[tuple[str, str, int, int]]) -> Round:
    """Another round with a 6-hour race, its cars (number, class code, laps, lap time) reusing
    the teams and drivers of the first: as an import later in the season would."""
    round_ = Round.objects.create(season=season, order=order, name=slug.title(), slug=slug)
    race = Session.objects.create(
        round=round_, kind=SessionKind.RACE, name="Race", slug="race", duration_ms=6 * HOUR_MS
    )
    for number, class_code, laps, lap_time_ms in cars:
        first = Entry.objects.get(round__season=season, round__order=1, number=number)
        entry = Entry.objects.create(
            round=round_,
            number=number,
            car_class=CarClass.objects.get(season=season, code=class_code),
            team=first.team,
            car=first.car,
            manufacturer=first.manufacturer,
        )
        driver = Driver.objects.get(last_name=number)
        EntryDriver.objects.create(entry=entry, driver=driver, order=1)
        Lap.objects.bulk_create(
            Lap(
                session=race,
                entry=entry,
                driver=driver,
                lap_number=lap_number,
                lap_time_ms=lap_time_ms,
                elapsed_ms=lap_number * lap_time_ms,
            )
            for lap_number in range(1, laps + 1)
        )
    return round_


def points(season_standings, table_key: str) -> dict[str, str]:
    """{row key or car numbers: points} of one table, in standings order."""
    table = next(table for table in season_standings.tables if table.key == table_key)
    return {row.name: str(row.points) for row in table.rows}


def snapshot():
    """Every row the standings decisions write, and their history: what a refusal must leave as it was."""
    return (
        list(SeasonEntrant.objects.values()),
        SeasonEntrant.history.count(),
        list(RoundPole.objects.values()),
        RoundPole.history.count(),
        list(Round.objects.values()),
        Round.history.count(),
        list(StatusOverride.objects.values()),
        StatusOverride.history.count(),
        list(Penalty.objects.values()),
        Penalty.history.count(),
    )
