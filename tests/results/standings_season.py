"""A small hand-made season for the standings tests (database and faces): WEC 2025, three
raced rounds, two classes, eight cars, every race and qualifying built from laps.

What it holds, so that the tests' tables can be checked by hand (2025 rules: 25, 18, 15,
12, 10, 8, 6, 4, 2, 1; pole +1, never halved; Spa gives half points):

- Hypercar: Toyota #7 and #8 and Ferrari #50 are works cars; AF Corse #83 (Ferrari) is
  private (drivers and the private teams' cup, never the manufacturers'); Proton #5 is a
  guest, invisible to every title (the cars behind it move up a rank).
- LMGT3: Manthey #92 (Porsche), TF Sport #33 (Corvette), WRT #46 (BMW), all scoring.
- #7's line-up: Conway, Kobayashi and de Vries, but Conway missed Imola.
- Poles: qualifying P1 of each class (Qatar #8 and #92, Spa #8 and #46), except at Imola,
  where an editor gave the Hypercar pole to #50 (qualifying P1 was #8); LMGT3 Imola #33.
  #8's Spa pole lap is its second lap: with that time deleted, #50 is P1.
- Qatar and Imola are final, Spa provisional; Le Mans (round 4) has no session yet.

Class positions as raced (guest included), before any correction:

=======  ========================  ===============
round    Hypercar                  LMGT3
=======  ========================  ===============
qatar    8, 5g, 7, 50, 83          92, 33, 46
imola    8, 83, 5g, 7, 50          33, 92, 46
spa      50, 8, 7, 83, 5g          46, 92, 33
=======  ========================  ===============
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from events.enums import EntrantKind, PointsShare, SessionKind, SessionStatus
from events.models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Round,
    RoundPole,
    Season,
    SeasonEntrant,
    Session,
    Team,
)

HYPERCAR, LMGT3 = "HYPERCAR", "LMGT3"
# number: (class, team, manufacturer, entrant kind, line-up)
CARS = {
    "7": (HYPERCAR, "Toyota Gazoo Racing", "Toyota", "works", ["Mike Conway", "Kamui Kobayashi", "Nyck de Vries"]),
    "8": (HYPERCAR, "Toyota Gazoo Racing", "Toyota", "works", ["Sebastien Buemi", "Brendon Hartley"]),
    "50": (HYPERCAR, "Ferrari AF Corse", "Ferrari", "works", ["Antonio Fuoco", "Miguel Molina"]),
    "83": (HYPERCAR, "AF Corse", "Ferrari", "private", ["Robert Kubica", "Yifei Ye"]),
    "5": (HYPERCAR, "Proton Competition", "Porsche", "guest", ["Julien Andlauer"]),
    "92": (LMGT3, "Manthey 1st Phorm", "Porsche", "works", ["Richard Lietz", "Riccardo Pera"]),
    "33": (LMGT3, "TF Sport", "Corvette", "works", ["Ben Keating", "Jonny Edgar"]),
    "46": (LMGT3, "Team WRT", "BMW", "works", ["Valentino Rossi", "Ahmad Al Harthy"]),
}  # fmt: skip
# slug: (order, name, share, status of its race, race order, qualifying order (fastest first))
ROUNDS = {
    "qatar": (1, "Qatar 1812 km", PointsShare.FULL, SessionStatus.FINAL,
              ["8", "5", "7", "50", "83", "92", "33", "46"], ["8", "7", "50", "83", "5", "92", "33", "46"]),
    "imola": (2, "6 Hours of Imola", PointsShare.FULL, SessionStatus.FINAL,
              ["8", "83", "5", "7", "50", "33", "92", "46"], ["8", "50", "7", "83", "5", "33", "92", "46"]),
    "spa": (3, "6 Hours of Spa", PointsShare.HALF, SessionStatus.PROVISIONAL,
            ["50", "8", "7", "83", "46", "92", "33", "5"], ["8", "50", "7", "83", "5", "46", "92", "33"]),
}  # fmt: skip
RACE_LAPS = 10
RACE_LAP_MS = 90_000  # the race winner's lap; each next car 0.1 s a lap slower
QUALIFYING_LAP_MS = 100_000  # the fastest best lap; each next car 0.25 s slower
QUALIFYING_SLOW_LAP_MS = 3_000  # every car's other lap is this much slower than its best


@dataclass
class StandingsSeason:
    season: Season
    rounds: dict[str, Round] = field(default_factory=dict)
    races: dict[str, Session] = field(default_factory=dict)
    qualifyings: dict[str, Session] = field(default_factory=dict)
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)  # (round slug, number)
    drivers: dict[str, Driver] = field(default_factory=dict)  # full name

    def entry(self, round_slug: str, number: str) -> Entry:
        return self.entries[(round_slug, number)]


def standings_season_build(*, team_names: dict[str, str] | None = None, driver_names: dict[str, str] | None = None):
    """The season above; ``team_names`` / ``driver_names`` rename some (for hostile names)."""
    team_names = team_names or {}
    driver_names = driver_names or {}
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=2025)
    built = StandingsSeason(season)
    classes = {
        HYPERCAR: CarClass.objects.create(season=season, code=HYPERCAR, name="Hypercar", display_order=1),
        LMGT3: CarClass.objects.create(season=season, code=LMGT3, name="LMGT3", display_order=2),
    }
    teams = {}
    for number, (_, team, _, kind, line_up) in CARS.items():
        name = team_names.get(team, team)
        teams[team] = teams.get(team) or Team.objects.create(name=name)
        for full_name in line_up:
            first, _, last = driver_names.get(full_name, full_name).partition(" ")
            built.drivers[full_name] = Driver.objects.create(first_name=first, last_name=last)
        if kind != EntrantKind.WORKS:
            SeasonEntrant.objects.create(season=season, car_number=number, kind=kind)
    start = dt.date(2025, 2, 26)
    Round.objects.create(season=season, order=4, name="24 Hours of Le Mans", slug="le-mans")
    for slug, (order, name, share, status, race_order, qualifying_order) in ROUNDS.items():
        circuit = Circuit.objects.create(name=f"Circuit of {slug}", country="Somewhere")
        day = start + dt.timedelta(days=60 * (order - 1))
        round_ = Round.objects.create(
            season=season, order=order, name=name, slug=slug, circuit=circuit, start_date=day,
            end_date=day + dt.timedelta(days=2), points_share=share,
        )  # fmt: skip
        built.rounds[slug] = round_
        for number, (class_code, team, manufacturer, _, line_up) in CARS.items():
            entry = Entry.objects.create(
                round=round_, number=number, car_class=classes[class_code], team=teams[team], car="Car",
                manufacturer=manufacturer,
            )  # fmt: skip
            built.entries[(slug, number)] = entry
            drove = [d for d in line_up if not (slug == "imola" and d == "Mike Conway")]
            for position, full_name in enumerate(drove, start=1):
                EntryDriver.objects.create(entry=entry, driver=built.drivers[full_name], order=position)
        qualifying = Session.objects.create(
            round=round_, kind=SessionKind.QUALIFYING, name="Qualifying", slug="qualifying",
            start=dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
        )  # fmt: skip
        race = Session.objects.create(
            round=round_, kind=SessionKind.RACE, name="Race", slug="race", status=status,
            start=dt.datetime(day.year, day.month, day.day + 1, 12, tzinfo=dt.UTC),
        )  # fmt: skip
        built.qualifyings[slug], built.races[slug] = qualifying, race
        for index, number in enumerate(qualifying_order):
            best = QUALIFYING_LAP_MS + 250 * index
            # the best lap second, so that deleting it leaves the slower first
            _laps(qualifying, built, slug, number, [best + QUALIFYING_SLOW_LAP_MS, best])
        for index, number in enumerate(race_order):
            _laps(race, built, slug, number, [RACE_LAP_MS + 100 * index] * RACE_LAPS)
    RoundPole.objects.create(
        round=built.rounds["imola"], car_class=classes[HYPERCAR], entry=built.entry("imola", "50"),
        reason="#8 excluded from qualifying (stewards' decision 12)",
    )  # fmt: skip
    return built


def _laps(session: Session, built: StandingsSeason, slug: str, number: str, times: list[int]) -> None:
    entry = built.entry(slug, number)
    line_up = [entry_driver.driver for entry_driver in entry.entry_drivers.order_by("order")]
    elapsed = 0
    laps = []
    for lap_number, lap_time_ms in enumerate(times, start=1):
        elapsed += lap_time_ms
        laps.append(
            Lap(
                session=session, entry=entry, driver=line_up[(lap_number - 1) % len(line_up)], lap_number=lap_number,
                lap_time_ms=lap_time_ms, elapsed_ms=elapsed,
            )
        )  # fmt: skip
    Lap.objects.bulk_create(laps)
