"""Load parsed Al Kamel files into the database: idempotent, one transaction, with history.

Whatever the file needs and the database lacks is created (championship, season,
round, session, classes, teams, drivers, entries). Laps are upserted by session, car
and lap number: a second import of the same file changes nothing; a revised file
updates what changed. Editors' work survives: a deleted time stays deleted, and a lap
time an editor corrected (it differs from the time the file gave last time) is kept,
each reported in the summary. Laps are written in batches with bulk history records,
so memory stays flat and large files load fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .. import services
from ..addresses import SessionAddress
from ..core.laptime import format_lap_time
from ..data import read_toml
from ..enums import DeletionReason, ResultStatus, SessionKind
from ..errors import InvalidChange, NotFound
from ..models import (
    CarClass,
    Championship,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    OfficialResult,
    Round,
    Season,
    Session,
    Team,
)
from ..results.signals import results_signals_suspended
from .alkamel import (
    ANALYSIS,
    AlkamelError,
    AnalysisLap,
    ClassificationRow,
    DriverName,
    open_lines,
    parse_analysis,
    parse_classification,
    sniff_layout,
)
from .fastinsert import insert_with_history

BATCH = 2000
NOT_COUNTED_NOTE = "Not counted by official timing: faster than the lap the file marks as the car's best"

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

# The fields an import writes on a lap (lap_time_ms is handled apart: editors may correct it).
IMPORTED_FIELDS = [
    "driver_id",
    "sector_1_ms",
    "sector_2_ms",
    "sector_3_ms",
    "crossed_line_in_pit",
    "pit_time_ms",
    "top_speed_kph",
    "elapsed_ms",
    "time_of_day",
    "flag_at_line",
]


def kind_from_slug(slug: str) -> str | None:
    lowered = slug.lower()
    return next((kind for prefix, kind in KIND_BY_SLUG_PREFIX if lowered.startswith(prefix)), None)


@dataclass
class ImportSummary:
    session_path: str
    layout: str
    dry_run: bool = False
    created: dict[str, int] = field(default_factory=dict)  # championship, round, session, classes ...
    entries_created: int = 0
    laps_created: int = 0
    laps_updated: int = 0
    laps_unchanged: int = 0
    rows_created: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    times_not_counted: int = 0  # laps faster than the file's marked best: imported with the time deleted
    kept: list[str] = field(default_factory=list)  # editors' changes kept over the file

    def lines(self) -> list[str]:
        head = "Dry run, nothing written: " if self.dry_run else ""
        lines = [f"{head}{self.session_path} ({self.layout} file)"]
        order = ["championship", "season", "round", "session", "classes", "teams", "drivers"]
        made = [
            f"{count} {what}"
            for what, count in sorted(self.created.items(), key=lambda item: order.index(item[0]))
            if count
        ]
        if made:
            lines.append("created: " + ", ".join(made))
        lines.append(f"entries created: {self.entries_created}")
        if self.layout == ANALYSIS:
            lines.append(
                f"laps created: {self.laps_created}, updated: {self.laps_updated}, unchanged: {self.laps_unchanged}"
            )
            if self.times_not_counted:
                lines.append(
                    f"lap times not counted by official timing (imported as deleted): {self.times_not_counted}"
                )
        else:
            lines.append(
                f"result rows created: {self.rows_created}, updated: {self.rows_updated}, "
                f"unchanged: {self.rows_unchanged}"
            )
        lines.append(f"conflicts kept: {len(self.kept)}")
        lines.extend(f"  kept {item}" for item in self.kept)
        return lines


class _DryRun(Exception):
    pass


class _Context:
    """What one import has found or created so far (so each thing is looked up once)."""

    def __init__(self, session: Session, summary: ImportSummary):
        self.session = session
        self.season = session.round.season
        self.summary = summary
        self.classes = {c.code.upper(): c for c in CarClass.objects.filter(season=self.season)}
        self.teams: dict[str, Team] = {}
        self.drivers: dict[tuple[str, str], Driver] | None = None
        self.entries = {e.number: e for e in Entry.objects.filter(round=session.round).select_related("car_class")}
        self.line_ups: dict[int, set[int]] = {}
        for entry_id, driver_id in EntryDriver.objects.filter(entry__round=session.round).values_list(
            "entry_id", "driver_id"
        ):
            self.line_ups.setdefault(entry_id, set()).add(driver_id)

    def count(self, what: str) -> None:
        self.summary.created[what] = self.summary.created.get(what, 0) + 1

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
            self.count("classes")
        return self.classes[key]

    def team(self, name: str) -> Team:
        if name not in self.teams:
            self.teams[name], created = Team.objects.get_or_create(name=name)
            if created:
                self.count("teams")
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
            self.count("drivers")
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
        if entry is None:
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

    def prepare(self, laps: list[AnalysisLap], user) -> None:
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
            self.summary.created["drivers"] = self.summary.created.get("drivers", 0) + len(new_drivers)
        new_entries: dict[str, Entry] = {}
        for lap in laps:
            if lap.number in self.entries or lap.number in new_entries:
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


def _session_for(
    path: str, *, kind: str | None, championship_name: str, round_name: str, session_name: str, summary: ImportSummary
) -> Session:
    try:
        address = SessionAddress.parse(path)
    except NotFound as error:
        raise InvalidChange(str(error)) from error
    championship_slug, year, round_slug, session_slug = (
        address.championship, address.year, address.round, address.session
    )  # fmt: skip
    session = Session.objects.with_path_parts().filter(**address.lookups()).first()
    if session is not None:
        if kind and session.kind != kind:
            raise InvalidChange(f"{path} is a {session.kind} session, not {kind}.")
        return session
    kind = kind or kind_from_slug(session_slug)
    if kind is None:
        raise InvalidChange(
            f"Say which kind of session {path} is with --kind (practice, qualifying, hyperpole, warmup or race)."
        )
    championship, created = Championship.objects.get_or_create(
        slug=championship_slug,
        defaults={"name": championship_name or championship_slug.upper(), "short_name": championship_slug.upper()},
    )
    summary.created["championship"] = int(created)
    season, created = Season.objects.get_or_create(championship=championship, year=year)
    summary.created["season"] = int(created)
    round_ = Round.objects.filter(season=season, slug=round_slug).first()
    if round_ is None:
        order = (Round.objects.filter(season=season).aggregate(Max("order"))["order__max"] or 0) + 1
        round_ = Round.objects.create(
            season=season, slug=round_slug, order=order, name=round_name or round_slug.replace("-", " ").title()
        )
        summary.created["round"] = 1
    session = Session.objects.create(
        round=round_,
        slug=session_slug,
        kind=kind,
        name=session_name or session_slug.replace("-", " ").title().replace("Fp", "FP"),
    )
    summary.created["session"] = 1
    return Session.objects.with_path_parts().get(pk=session.pk)


def import_alkamel(
    *,
    data: bytes,
    session_path: str,
    user: AbstractBaseUser | None = None,
    kind: str | None = None,
    championship_name: str = "",
    round_name: str = "",
    session_name: str = "",
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import one Al Kamel file into the session at ``session_path``; all or nothing.

    Raises :class:`AlkamelError` (``line N: ...``) for a bad file and
    :class:`~events.errors.InvalidChange` for a bad session; nothing is written then.
    With ``dry_run`` everything is done and counted, then rolled back (the preview).
    """
    layout = sniff_layout(data)
    summary = ImportSummary(session_path=session_path, layout=layout, dry_run=dry_run)
    try:
        with transaction.atomic():
            session = _session_for(
                session_path,
                kind=kind,
                championship_name=championship_name,
                round_name=round_name,
                session_name=session_name,
                summary=summary,
            )
            context = _Context(session, summary)
            with results_signals_suspended():  # one touch at the end instead of one per object
                if layout == ANALYSIS:
                    _load_laps(context, parse_analysis(open_lines(data)), user, progress)
                else:
                    _load_official_rows(context, parse_classification(open_lines(data)), user)
            # New entries and line-ups show in every session of the round.
            services.session_results_touch(
                session_ids=Session.objects.filter(round_id=session.round_id).values_list("pk", flat=True)
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _load_laps(context: _Context, laps: Iterable[AnalysisLap], user, progress) -> None:
    session = context.session
    existing = {
        (row["entry_id"], row["lap_number"]): row
        for row in Lap.objects.filter(session=session).values(
            "pk",
            "entry_id",
            "lap_number",
            "lap_time_ms",
            "imported_lap_time_ms",
            "is_time_deleted",
            "deletion_note",
            *IMPORTED_FIELDS,
        )
    }
    done = 0
    # Per car: the fastest lap the file marks (LAP_IMPROVEMENT) and the laps created now.
    marked_best: dict[int, int] = {}
    created_times: dict[int, list[tuple[int, int]]] = {}
    for batch in _batches(laps, BATCH):
        to_create: list[dict] = []
        to_update: list[Lap] = []
        context.prepare(batch, user)
        for lap in batch:
            entry = context.entries[lap.number]
            driver = context.driver(lap.driver)
            values = {
                "driver_id": driver.pk if driver else None,
                "sector_1_ms": lap.sector_1_ms,
                "sector_2_ms": lap.sector_2_ms,
                "sector_3_ms": lap.sector_3_ms,
                "crossed_line_in_pit": lap.crossed_line_in_pit,
                "pit_time_ms": lap.pit_time_ms,
                "top_speed_kph": lap.top_speed_kph,
                "elapsed_ms": lap.elapsed_ms,
                "time_of_day": lap.time_of_day,
                "flag_at_line": lap.flag_at_line if lap.flag_at_line in {"GF", "SF", "FCY", "FF", "RF"} else "",
            }
            if lap.lap_improvement:
                marked_best[entry.pk] = min(marked_best.get(entry.pk, lap.lap_time_ms), lap.lap_time_ms)
            current = existing.get((entry.pk, lap.lap_number))
            if current is None:
                created_times.setdefault(entry.pk, []).append((lap.lap_time_ms, lap.lap_number))
                if lap.time_deleted:  # a wecresults export says so
                    values.update(
                        is_time_deleted=True,
                        deletion_reason=lap.deletion_kind
                        if lap.deletion_kind in DeletionReason.values
                        else DeletionReason.OTHER,
                        deletion_note=lap.deletion_note or "Deleted in the imported file",
                        deleted_at=timezone.now(),
                    )
                to_create.append(
                    {
                        "session_id": session.pk,
                        "entry_id": entry.pk,
                        "lap_number": lap.lap_number,
                        "lap_time_ms": lap.lap_time_ms,
                        "imported_lap_time_ms": lap.lap_time_ms,
                        **values,
                    }
                )
                continue
            label = f"car #{lap.number} lap {lap.lap_number}"
            corrected = current["imported_lap_time_ms"] is not None and (
                current["lap_time_ms"] != current["imported_lap_time_ms"]
            )
            new_time = current["lap_time_ms"] if corrected else lap.lap_time_ms
            if corrected:
                context.summary.kept.append(
                    f"{label}: the editor's time {format_lap_time(current['lap_time_ms'])} "
                    f"(the file says {format_lap_time(lap.lap_time_ms)})"
                )
            if current["is_time_deleted"] and current["deletion_note"] != NOT_COUNTED_NOTE:
                context.summary.kept.append(f"{label}: the time stays deleted")
            changed = (
                new_time != current["lap_time_ms"]
                or lap.lap_time_ms != current["imported_lap_time_ms"]
                or any(current[name] != value for name, value in values.items())
            )
            if not changed:
                context.summary.laps_unchanged += 1
                continue
            new_values = {"lap_time_ms": new_time, "imported_lap_time_ms": lap.lap_time_ms, **values}
            to_update.append((current["pk"], new_values))
        if to_create:
            insert_with_history(
                Lap,
                to_create,
                key_fields=("session_id", "entry_id", "lap_number"),
                user=user,
                reason="Imported from timing file",
            )
            context.summary.laps_created += len(to_create)
        if to_update:
            # Whole laps, so that each history record holds the lap as it now is.
            changes = dict(to_update)
            laps_to_save = list(Lap.objects.filter(pk__in=changes))
            for lap_object in laps_to_save:
                for name, value in changes[lap_object.pk].items():
                    setattr(lap_object, name, value)
            bulk_update_with_history(
                laps_to_save,
                Lap,
                ["lap_time_ms", "imported_lap_time_ms", *IMPORTED_FIELDS],
                batch_size=BATCH,
                default_user=user,
                default_change_reason="Updated from a revised timing file",
            )
            context.summary.laps_updated += len(to_update)
        done += len(batch)
        if progress:
            progress(done)
    _delete_times_the_file_did_not_count(context, marked_best, created_times, user)


def _delete_times_the_file_did_not_count(context: _Context, marked_best, created_times, user) -> None:
    """The file has no deleted-lap column, but it marks each car's best lap (LAP_IMPROVEMENT):
    a lap faster than that mark had its time struck by official timing (track limits ...).
    Such laps come in with their time deleted, so the classification agrees with the file.
    Only laps this import creates: on laps already here, editors decide."""
    struck = [
        (entry_id, lap_number)
        for entry_id, best in marked_best.items()
        for lap_time_ms, lap_number in created_times.get(entry_id, ())
        if lap_time_ms < best
    ]
    if not struck:
        return
    by_entry: dict[int, set[int]] = {}
    for entry_id, lap_number in struck:
        by_entry.setdefault(entry_id, set()).add(lap_number)
    laps = [
        lap
        for lap in Lap.objects.filter(session=context.session, entry_id__in=by_entry)
        if lap.lap_number in by_entry[lap.entry_id] and not lap.is_time_deleted
    ]
    if not laps:
        return
    now = timezone.now()
    for lap in laps:
        lap.is_time_deleted = True
        lap.deletion_reason = DeletionReason.OTHER
        lap.deletion_note = NOT_COUNTED_NOTE
        lap.deleted_at = now
    bulk_update_with_history(
        laps,
        Lap,
        ["is_time_deleted", "deletion_reason", "deletion_note", "deleted_at"],
        default_user=user,
        default_change_reason=f"Time deleted (other): {NOT_COUNTED_NOTE}",
    )
    context.summary.times_not_counted += len(laps)


def _load_official_rows(context: _Context, rows: Iterable[ClassificationRow], user) -> None:
    session = context.session
    existing = {row.entry_id: row for row in OfficialResult.objects.filter(session=session)}
    for order, row in enumerate(rows, start=1):
        entry = context.entry(
            line=row.line,
            number=row.number,
            class_code=row.class_code,
            group=row.group,
            team=row.team,
            car=row.vehicle,
            manufacturer="",
            tyres=row.tyres,
        )
        for name in row.drivers:
            context.add_to_line_up(entry, context.driver(name))
        values = {
            "position": row.position,
            "status": row.status or ResultStatus.CLASSIFIED,
            "laps": row.laps,
            "total_time_ms": row.total_time_ms,
            "gap_first": row.gap_first,
            "gap_previous": row.gap_previous,
            "fastest_lap_number": row.fastest_lap_number,
            "fastest_lap_ms": row.fastest_lap_ms,
            "fastest_lap_kph": row.fastest_lap_kph,
            "row_order": order,
        }
        current = existing.get(entry.pk)
        if current is None:
            result = OfficialResult(session=session, entry=entry, **values)
            result._history_user = user
            result._change_reason = "Imported from timing file"
            result.save()
            context.summary.rows_created += 1
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            current._history_user = user
            current._change_reason = "Updated from a revised timing file"
            current.save()
            context.summary.rows_updated += 1
        else:
            context.summary.rows_unchanged += 1
