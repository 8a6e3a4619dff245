"""The laps upsert: parsed laps into a session, by car and lap number, with history.

A lap the session lacks is created; a lap it has is updated where the file now says
something else, and left alone otherwise, so the same laps twice change nothing.
Editors' work survives: a deleted time stays deleted, and a lap time an editor
corrected (it differs from the time the file gave last time) is kept; both are
reported in the summary. Laps are written in batches (new ones through fastinsert,
changed ones with bulk history records), so memory stays flat and large files load fast.
Each batch reads back only the laps whose keys it holds, never the whole session: the
cost per lap stays the same however many laps the session already has (linear imports).

``laps_upsert`` takes any batch of laps, a whole file's or a few from a live feed; the
history says which (``FROM_FILE``, ``FROM_FEED``). Laps faster than the one timing marks as
their car's best have their time deleted (``marks``), whichever batch brought the mark. It
writes in bulk, past the signals that mark results stale: callers touch the session's
results afterwards (``services.session_results_touch``), as ``import_alkamel`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from ..core.laptime import format_lap_time
from ..enums import DeletionReason, FlagAtLine
from ..models import Driver, Entry, Lap, Session
from .alkamel import ANALYSIS, AnalysisLap
from .fastinsert import insert_with_history
from .marks import MARKED, NOT_COUNTED_NOTE, laps_marked_already, times_not_counted_delete
from .references import RoundReferences
from .summary import ImportSummary

BATCH = 2000
KNOWN_FLAGS = frozenset(FlagAtLine.values)  # a flag we do not know is left blank

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

LapValues = dict[str, Any]


@dataclass(frozen=True)
class WriteReasons:
    """What the history says of a lap timing created or updated (a marked lap's reason adds ``MARKED``)."""

    created: str
    updated: str

    def of(self, *, created: bool, marked: bool) -> str:
        return (self.created if created else self.updated) + (MARKED if marked else "")


FROM_FILE = WriteReasons(created="Imported from timing file", updated="Updated from a revised timing file")
FROM_FEED = WriteReasons(created="Live feed", updated="Updated from the live feed")
# Every reason of timing's own writes: a lap whose history holds only these is timing's, untouched by editors.
TIMING_REASONS = frozenset(
    reasons.of(created=created, marked=marked)
    for reasons in (FROM_FILE, FROM_FEED)
    for created in (True, False)
    for marked in (True, False)
)


def laps_upsert(
    *,
    session: Session,
    laps: Iterable[AnalysisLap],
    references: RoundReferences | None = None,
    user: AbstractBaseUser | None = None,
    progress: Callable[[int], None] | None = None,
    reasons: WriteReasons = FROM_FILE,
) -> ImportSummary:
    """Create or update the session's laps from ``laps``; returns the summary it counted into.

    ``references`` are the round's classes, teams, drivers, entries and line-ups found so
    far (cars and drivers the laps name and the round lacks are created); without them
    they are looked up afresh and counted in a new summary. ``progress`` is told how
    many laps are done after each batch; ``reasons`` say in the history where the laps
    came from. A lap faster than the one timing marks as its car's best (in these laps
    or earlier ones) has its time deleted, as official timing did not count it.
    """
    if references is None:
        references = RoundReferences(session, ImportSummary(session_path=session.path, layout=ANALYSIS))
    elif references.session.pk != session.pk:
        raise ValueError(f"The references are those of session {references.session.pk}, not {session.pk}.")
    summary = references.summary
    done = 0
    # Per car: the laps created now (time, lap number), and the cars with a lap marked now.
    created: dict[int, list[tuple[int, int]]] = {}
    marked_cars: set[int] = set()
    for batch in _batches(laps, BATCH):
        to_create: dict[bool, list[LapValues]] = {False: [], True: []}  # by marked
        to_update: dict[int, tuple[LapValues, str]] = {}
        references.prepare_for_laps(batch, user)
        existing = _laps_in(session, [(references.entries[lap.number].pk, lap.lap_number) for lap in batch])
        marked_before = laps_marked_already(
            existing[key]["pk"]
            for lap in batch
            if lap.lap_improvement and (key := (references.entries[lap.number].pk, lap.lap_number)) in existing
        )
        for lap in batch:
            entry = references.entries[lap.number]
            values = _imported_values(lap, references.driver(lap.driver))
            marked = lap.lap_improvement > 0
            current = existing.get((entry.pk, lap.lap_number))
            if marked:
                marked_cars.add(entry.pk)
            if current is None:
                created.setdefault(entry.pk, []).append((lap.lap_time_ms, lap.lap_number))
                to_create[marked].append(_new_lap(session, entry, lap, values))
                continue
            newly_marked = marked and current["pk"] not in marked_before
            revised = _revised_lap(current, lap, values, summary, newly_marked=newly_marked)
            if revised is None:
                summary.laps_unchanged += 1
            else:
                to_update[current["pk"]] = (revised, reasons.of(created=False, marked=marked))
        for marked, rows in to_create.items():
            insert_with_history(
                Lap,
                rows,
                key_fields=("session_id", "entry_id", "lap_number"),
                user=user,
                reason=reasons.of(created=True, marked=marked),
            )
            summary.laps_created += len(rows)
        if to_update:
            _update(to_update, user)
            summary.laps_updated += len(to_update)
        done += len(batch)
        if progress:
            progress(done)
    summary.times_not_counted += times_not_counted_delete(
        session=session, created=created, marked=marked_cars, timing_reasons=TIMING_REASONS, user=user
    )
    return summary


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _laps_in(session: Session, keys: list[tuple[int, int]]) -> dict[tuple[int, int], LapValues]:
    """The session's laps among ``keys`` (entry, lap number) as they are: what a batch compares against.

    One query whatever the size of the session: its cars and lap numbers bound the rows read
    (a batch's laps are one car's run of laps, or every car's laps of a few minutes)."""
    wanted = set(keys)
    return {
        (row["entry_id"], row["lap_number"]): row
        for row in Lap.objects.filter(
            session=session,
            entry_id__in={entry_id for entry_id, _ in wanted},
            lap_number__in={lap_number for _, lap_number in wanted},
        )
        .values(
            "pk",
            "entry_id",
            "lap_number",
            "lap_time_ms",
            "imported_lap_time_ms",
            "is_time_deleted",
            "deletion_note",
            *IMPORTED_FIELDS,
        )
        .order_by()  # the model's order joins the session's round, season ... for nothing
        if (row["entry_id"], row["lap_number"]) in wanted
    }


def _imported_values(lap: AnalysisLap, driver: Driver | None) -> LapValues:
    return {
        "driver_id": driver.pk if driver else None,
        "sector_1_ms": lap.sector_1_ms,
        "sector_2_ms": lap.sector_2_ms,
        "sector_3_ms": lap.sector_3_ms,
        "crossed_line_in_pit": lap.crossed_line_in_pit,
        "pit_time_ms": lap.pit_time_ms,
        "top_speed_kph": lap.top_speed_kph,
        "elapsed_ms": lap.elapsed_ms,
        "time_of_day": lap.time_of_day,
        "flag_at_line": lap.flag_at_line if lap.flag_at_line in KNOWN_FLAGS else "",
    }


def _new_lap(session: Session, entry: Entry, lap: AnalysisLap, values: LapValues) -> LapValues:
    """The row of a lap the session lacks; deleted when the file says so (a wecresults export)."""
    if lap.time_deleted:
        known_reason = lap.deletion_kind in DeletionReason.values
        values = {
            **values,
            "is_time_deleted": True,
            "deletion_reason": lap.deletion_kind if known_reason else DeletionReason.OTHER,
            "deletion_note": lap.deletion_note or "Deleted in the imported file",
            "deleted_at": timezone.now(),
        }
    return {
        "session_id": session.pk,
        "entry_id": entry.pk,
        "lap_number": lap.lap_number,
        "lap_time_ms": lap.lap_time_ms,
        "imported_lap_time_ms": lap.lap_time_ms,
        **values,
    }


def _revised_lap(
    current: LapValues, lap: AnalysisLap, values: LapValues, summary: ImportSummary, *, newly_marked: bool
) -> LapValues | None:
    """The new values of a lap the session has, None when nothing changes (a lap timing marks
    for the first time is written again, for the history to keep the mark); an editor's
    corrected time is kept, and it and a deleted time are reported as kept."""
    label = f"car #{lap.number} lap {lap.lap_number}"
    corrected = current["imported_lap_time_ms"] is not None and (
        current["lap_time_ms"] != current["imported_lap_time_ms"]
    )
    new_time = current["lap_time_ms"] if corrected else lap.lap_time_ms
    if corrected:
        summary.kept.append(
            f"{label}: the editor's time {format_lap_time(current['lap_time_ms'])} "
            f"(the file says {format_lap_time(lap.lap_time_ms)})"
        )
    if current["is_time_deleted"] and current["deletion_note"] != NOT_COUNTED_NOTE:
        summary.kept.append(f"{label}: the time stays deleted")
    changed = (
        newly_marked
        or new_time != current["lap_time_ms"]
        or lap.lap_time_ms != current["imported_lap_time_ms"]
        or any(current[name] != value for name, value in values.items())
    )
    if not changed:
        return None
    return {"lap_time_ms": new_time, "imported_lap_time_ms": lap.lap_time_ms, **values}


def _update(changes: dict[int, tuple[LapValues, str]], user: AbstractBaseUser | None) -> None:
    """Write each lap's new values, with its history record's reason."""
    # Whole laps, so that each history record holds the lap as it now is.
    laps_to_save = list(Lap.objects.filter(pk__in=changes).order_by())
    for lap in laps_to_save:
        values, lap._change_reason = changes[lap.pk]
        for name, value in values.items():
            setattr(lap, name, value)
    bulk_update_with_history(
        laps_to_save,
        Lap,
        ["lap_time_ms", "imported_lap_time_ms", *IMPORTED_FIELDS],
        batch_size=BATCH,
        default_user=user,
    )
