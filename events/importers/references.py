"""What a timing file refers to, found in the database or created: the championship,
season, round and session it goes into, and the classes, teams, drivers, entries and
line-ups of its cars.

Each thing is looked up once per import (``RoundReferences`` remembers them) and each
creation is counted in the import's summary.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from ..addresses import SessionAddress
from ..data import read_toml
from ..enums import SessionKind
from ..errors import InvalidChange, NotFound
from ..models import CarClass, Championship, Driver, Entry, EntryDriver, Round, Season, Session, Team
from .alkamel import AlkamelError, AnalysisLap, DriverName
from .summary import ImportSummary

# Official class names in their usual order (events/data/classes.toml); classes not listed
# are created after them.
KNOWN_CLASSES = [(known["code"], known["name"], known["colour"]) for known in read_toml("classes.toml")["class"]]
KNOWN_ORDER = {code: (index + 1) * 10 for index, (code, _, _) in enumerate(KNOWN_CLASSES)}
KNOWN_NAMES = {code: name for code, name, _ in KNOWN_CLASSES}
KNOWN_COLOURS = {code: colour for code, _, colour in KNOWN_CLASSES}

KIND_BY_SLUG_PREFIX = [
    ("race", SessionKind.RACE),
    ("hyperpole", SessionKind.HYPERPOLE),
    ("qualifying", SessionKind.QUALIFYING),
    ("quali", SessionKind.QUALIFYING),
    ("warm", SessionKind.WARMUP),
    ("fp", SessionKind.PRACTICE),
    ("practice", SessionKind.PRACTICE),
    ("test", SessionKind.PRACTICE),
]


def kind_from_slug(slug: str) -> str | None:
    """The kind of session a slug names (``race``, ``fp2``, ``quali-1`` ...); None when it says none."""
    lowered = slug.lower()
    return next((kind for prefix, kind in KIND_BY_SLUG_PREFIX if lowered.startswith(prefix)), None)


def busy_message(season_path: str) -> str:
    return f"Another import into {season_path} is running; try again when it has finished."


class ImportBusy(InvalidChange):
    """Another import (or feed batch) is writing into the season: try again in a moment."""


def import_lock_take(season_path: str, db=connection) -> None:
    """Let one import at a time write into a season, for the rest of the transaction.

    The season's sessions share its rounds (numbered in order), classes and entries, so two
    imports into it, even of different sessions, could create the same thing twice. On
    PostgreSQL a transaction-level advisory lock keyed on the season's path says so at once
    (InvalidChange) rather than failing half-way on a unique constraint; SQLite already
    runs one writing transaction at a time (IMMEDIATE mode, wecresults/settings.py).
    """
    if db.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"wecresults-import:{season_path}".encode(), digest_size=8).digest()
    with db.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])
        (taken,) = cursor.fetchone()
    if not taken:
        raise ImportBusy(busy_message(season_path))


def session_find(address: SessionAddress) -> Session | None:
    return Session.objects.with_path_parts().filter(**address.lookups()).order_by().first()


def session_get_or_create(
    path: str, *, kind: str | None, championship_name: str, round_name: str, session_name: str, summary: ImportSummary
) -> Session:
    """The session at ``path``, created with whatever of its championship, season and round is missing.

    Raises :class:`InvalidChange` for a path that names no session, for an existing
    session of another kind than ``kind``, and for a new session whose kind is unknown.
    """
    try:
        address = SessionAddress.parse(path)
    except NotFound as error:
        raise InvalidChange(str(error)) from error
    session = session_for_import(address, kind=kind)
    if session is not None:
        return session
    return session_create(
        address,
        kind=kind,
        championship_name=championship_name,
        round_name=round_name,
        session_name=session_name,
        summary=summary,
    )


def session_for_import(address: SessionAddress, *, kind: str | None = None) -> Session | None:
    """The session at ``address`` (None if there is none), once this import holds its season's lock;
    InvalidChange if it is of another kind than ``kind``."""
    import_lock_take(address.round_address.season.path)
    session = session_find(address)
    if session is not None and kind and session.kind != kind:
        raise InvalidChange(f"{address.path} is a {session.kind} session, not {kind}.")
    return session


def session_create(
    address: SessionAddress,
    *,
    kind: str | None,
    summary: ImportSummary,
    championship_name: str = "",
    round_name: str = "",
    session_name: str = "",
    status: str | None = None,
) -> Session:
    """The new session at ``address``, with whatever of its championship, season and round is missing
    (names from the slugs where none is given); ``status`` as given, or the model's default.

    Call it after ``session_for_import``, under the season's lock. Raises :class:`InvalidChange`
    for an unknown kind, and when another import created the round or session meanwhile.
    """
    season_path = address.round_address.season.path
    if kind and kind not in SessionKind.values:
        raise InvalidChange(f"“{kind}” is not a kind of session; use one of {', '.join(SessionKind.values)}.")
    kind = kind or kind_from_slug(address.session)
    if kind is None:
        raise InvalidChange(
            f"Say which kind of session {address.path} is with --kind "
            "(practice, qualifying, hyperpole, warmup or race)."
        )
    championship, created = Championship.objects.get_or_create(
        slug=address.championship,
        defaults={
            "name": championship_name or address.championship.upper(),
            "short_name": address.championship.upper(),
        },
    )
    summary.created["championship"] = int(created)
    season, created = Season.objects.get_or_create(championship=championship, year=address.year)
    summary.created["season"] = int(created)
    try:
        round_ = Round.objects.filter(season=season, slug=address.round).first()
        if round_ is None:
            order = (Round.objects.filter(season=season).aggregate(Max("order"))["order__max"] or 0) + 1
            round_ = Round.objects.create(
                season=season,
                slug=address.round,
                order=order,
                name=round_name or address.round.replace("-", " ").title(),
            )
            summary.created["round"] = 1
        session = Session.objects.create(
            round=round_,
            slug=address.session,
            kind=kind,
            name=session_name or address.session.replace("-", " ").title().replace("Fp", "FP"),
            **({"status": status} if status else {}),
        )
    except IntegrityError as error:
        # Another import created the round or the session since we looked (where no lock
        # kept it out): the caller's transaction rolls back everything this one wrote.
        raise ImportBusy(busy_message(season_path)) from error
    summary.created["session"] = 1
    return Session.objects.with_path_parts().get(pk=session.pk)


class RoundReferences:
    """The classes, teams, drivers, entries and line-ups of a session's round that one import
    has found or created so far (so each thing is looked up once), keyed as files name them."""

    def __init__(self, session: Session, summary: ImportSummary):
        self.session = session
        self.season = session.round.season
        self.summary = summary
        self.classes = {c.code.upper(): c for c in CarClass.objects.filter(season=self.season).order_by()}
        self.teams: dict[str, Team] = {}
        self.drivers: dict[tuple[str, str], Driver] | None = None
        self.entries = {
            e.number: e for e in Entry.objects.filter(round=session.round).select_related("car_class").order_by()
        }
        self.line_ups: dict[int, set[int]] = {}
        for entry_id, driver_id in (
            EntryDriver.objects.filter(entry__round=session.round).values_list("entry_id", "driver_id").order_by()
        ):
            self.line_ups.setdefault(entry_id, set()).add(driver_id)

    def car_class(self, code: str) -> CarClass:
        key = code.upper()
        if key not in self.classes:
            order = KNOWN_ORDER.get(key)
            if order is None:
                highest = CarClass.objects.filter(season=self.season).aggregate(Max("display_order"))
                order = max((highest["display_order__max"] or 0) + 10, 1000)
            self.classes[key] = CarClass.objects.create(
                season=self.season,
                code=code,
                name=KNOWN_NAMES.get(key, code),
                display_order=order,
                colour=KNOWN_COLOURS.get(key, "#808080"),
            )
            self.summary.add_created("classes")
        return self.classes[key]

    def team(self, name: str) -> Team:
        if name not in self.teams:
            self.teams[name], created = Team.objects.get_or_create(name=name)
            if created:
                self.summary.add_created("teams")
        return self.teams[name]

    def known_drivers(self) -> dict[tuple[str, str], Driver]:
        """Every driver, loaded once, keyed without regard to case (the oldest wins)."""
        if self.drivers is None:
            self.drivers = {}
            for driver in Driver.objects.order_by("-pk"):
                self.drivers[(driver.first_name.lower(), driver.last_name.lower())] = driver
        return self.drivers

    def driver(self, name: DriverName) -> Driver | None:
        if not name.last_name:
            return None
        key = (name.first_name.lower(), name.last_name.lower())
        if key not in self.known_drivers():
            self.drivers[key] = Driver.objects.create(first_name=name.first_name, last_name=name.last_name)
            self.summary.add_created("drivers")
        return self.drivers[key]

    def entry(
        self,
        *,
        line: int,
        number: str,
        class_code: str,
        group: str,
        team: str,
        car: str,
        manufacturer: str,
        tyres: str = "",
    ) -> Entry:
        entry = self.entries.get(number)
        if entry is not None:
            _same_class(line, entry, class_code)
        else:
            entry = self._new_entry(
                line=line, number=number, class_code=class_code, group=group, team=team, car=car,
                manufacturer=manufacturer, tyres=tyres,
            )  # fmt: skip
            entry.save()
            self.entries[number] = entry
            self.summary.entries_created += 1
        return entry

    def _new_entry(
        self,
        *,
        line: int,
        number: str,
        class_code: str,
        group: str,
        team: str,
        car: str,
        manufacturer: str,
        tyres: str = "",
    ) -> Entry:
        """An entry the file names and the round lacks (not saved yet); it needs a class and a team."""
        if not class_code:
            raise AlkamelError(line, f"car #{number} has no CLASS")
        if not team:
            raise AlkamelError(line, f"car #{number} has no TEAM")
        return Entry(
            round=self.session.round, number=number, car_class=self.car_class(class_code), group=group,
            team=self.team(team), car=car or manufacturer, manufacturer=manufacturer, tyres=tyres,
        )  # fmt: skip

    def add_to_line_up(self, entry: Entry, driver: Driver | None) -> None:
        if driver is None:
            return
        line_up = self.line_ups.setdefault(entry.pk, set())
        if driver.pk not in line_up:
            EntryDriver.objects.create(entry=entry, driver=driver, order=len(line_up) + 1)
            line_up.add(driver.pk)
            self.summary.line_up_places_created += 1

    def prepare_for_laps(self, laps: list[AnalysisLap], user: AbstractBaseUser | None) -> None:
        """Create, in bulk, the drivers, entries and line-up places a batch of laps needs."""
        known = self.known_drivers()
        new_drivers: dict[tuple[str, str], Driver] = {}
        for lap in laps:
            key = (lap.driver.first_name.lower(), lap.driver.last_name.lower())
            if lap.driver.last_name and key not in known and key not in new_drivers:
                new_drivers[key] = Driver(first_name=lap.driver.first_name, last_name=lap.driver.last_name)
        if new_drivers:
            Driver.objects.bulk_create(list(new_drivers.values()))
            self.drivers.update(new_drivers)
            self.summary.add_created("drivers", len(new_drivers))
        new_entries: dict[str, Entry] = {}
        for lap in laps:
            entered = self.entries.get(lap.number) or new_entries.get(lap.number)
            if entered is not None:
                _same_class(lap.line, entered, lap.class_code)
                continue
            new_entries[lap.number] = self._new_entry(
                line=lap.line, number=lap.number, class_code=lap.class_code, group=lap.group, team=lap.team,
                car=lap.manufacturer, manufacturer=lap.manufacturer,
            )  # fmt: skip
        if new_entries:
            bulk_create_with_history(list(new_entries.values()), Entry, default_user=user)
            self.entries.update(new_entries)
            self.summary.entries_created += len(new_entries)
        places: list[EntryDriver] = []
        for lap in laps:
            driver = self.drivers.get((lap.driver.first_name.lower(), lap.driver.last_name.lower()))
            if driver is None:
                continue
            entry = self.entries[lap.number]
            line_up = self.line_ups.setdefault(entry.pk, set())
            if driver.pk not in line_up:
                line_up.add(driver.pk)
                places.append(EntryDriver(entry=entry, driver=driver, order=len(line_up)))
        if places:
            bulk_create_with_history(places, EntryDriver, default_user=user)
            self.summary.line_up_places_created += len(places)


def _same_class(line: int, entry: Entry, class_code: str) -> None:
    """A car keeps its class in a round: a file that says otherwise is wrong, or the entry is."""
    if class_code and class_code.upper() != entry.car_class.code.upper():
        raise AlkamelError(
            line, f"car #{entry.number} is {entry.car_class.code} in this round, but the file says {class_code}"
        )
