"""Official timing's best-lap marks (LAP_IMPROVEMENT), and the lap times they show it did not count.

A timing file has no deleted-lap column, but it marks each car's best lap: a lap faster
than the mark had its time struck by official timing (track limits ...). Such a lap gets
its time deleted here, so the classification agrees with timing.

The marks are kept across imports in the laps' history: the record timing writes for a
marked lap says so (its reason ends with ``MARKED``). So a live feed that sends the
marked lap and the faster ones in different batches, in any order, strikes the laps the
whole file strikes. A car's mark is the fastest of the laps timing ever marked for it (a
live feed marks the best so far, a final file the best).

Only timing's laps are struck: their time as timing gave it, not deleted, and no record in
their history but timing's writes. A lap an editor touched (a correction, a reinstated
time, any edit) stays as the editor left it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Min, Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from ..enums import DeletionReason
from ..models import Lap, Session

MARKED = " (marked as the car's best lap)"
NOT_COUNTED_NOTE = "Not counted by official timing: faster than the lap the file marks as the car's best"


def laps_marked_already(lap_ids: Iterable[int]) -> set[int]:
    """Those of these laps that timing marked as their car's best in an earlier write."""
    return set(
        Lap.history.filter(id__in=list(lap_ids), history_change_reason__endswith=MARKED).values_list("id", flat=True)
    )


def car_marks(session: Session, entry_ids: Collection[int]) -> dict[int, int]:
    """Each of these cars' mark in the session: the fastest time, as timing gave it, of the laps it marked."""
    marked = Lap.history.filter(
        session_id=session.pk, entry_id__in=entry_ids, history_change_reason__endswith=MARKED
    ).values("id")
    return dict(
        Lap.objects.filter(pk__in=marked)
        .values("entry_id")
        .annotate(mark=Min("imported_lap_time_ms"))
        .values_list("entry_id", "mark")
        .order_by()
    )


def times_not_counted_delete(
    *,
    session: Session,
    created: Mapping[int, Collection[tuple[int, int]]],
    marked: Collection[int],
    timing_reasons: Collection[str],
    user: AbstractBaseUser | None,
) -> int:
    """Delete the lap times timing did not count, after a write of laps into ``session``;
    returns how many it deleted.

    ``created`` holds the laps the write created, by car (time, lap number): those faster
    than their car's mark are struck. ``marked`` are the cars the write brought a marked
    lap of: their laps already here and faster than the mark (it came after them) are
    struck too, when they are timing's (``timing_reasons`` are the reasons of timing's
    own writes: a lap with any other record in its history was touched by an editor).
    """
    cars = set(created) | set(marked)
    marks = car_marks(session, cars) if cars else {}
    if not marks:
        return 0
    new = {
        (entry_id, lap_number)
        for entry_id, laps in created.items()
        if entry_id in marks
        for lap_time_ms, lap_number in laps
        if lap_time_ms < marks[entry_id]
    }
    laps = []
    if new:
        laps += [
            lap
            for lap in Lap.objects.filter(
                session=session,
                entry_id__in={entry_id for entry_id, _ in new},
                lap_number__in={lap_number for _, lap_number in new},
                is_time_deleted=False,  # a file of ours may give a lap deleted already
            ).order_by()
            if (lap.entry_id, lap.lap_number) in new
        ]
    newly_marked = [entry_id for entry_id in marked if entry_id in marks]
    if newly_marked:
        laps += _timings_laps_faster(
            session, {entry_id: marks[entry_id] for entry_id in newly_marked}, timing_reasons, new
        )
    if not laps:
        return 0
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
    return len(laps)


def _timings_laps_faster(
    session: Session, marks: dict[int, int], timing_reasons: Collection[str], leave_out: set[tuple[int, int]]
) -> list[Lap]:
    """The laps of timing's, not deleted and never touched by an editor, faster than their car's mark."""
    faster = Q()
    for entry_id, mark in marks.items():
        faster |= Q(entry_id=entry_id, lap_time_ms__lt=mark)
    # lap_time_ms equal to imported_lap_time_ms: timing's time, not corrected (a lap an editor added has none)
    candidates = [
        lap
        for lap in Lap.objects.filter(
            faster, session=session, is_time_deleted=False, lap_time_ms=F("imported_lap_time_ms")
        ).order_by()
        if (lap.entry_id, lap.lap_number) not in leave_out
    ]
    if not candidates:
        return []
    touched = set(
        Lap.history.filter(id__in=[lap.pk for lap in candidates])
        .exclude(history_change_reason__in=list(timing_reasons))
        .values_list("id", flat=True)
    )
    return [lap for lap in candidates if lap.pk not in touched]
