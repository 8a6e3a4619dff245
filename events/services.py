"""Writes: every change to results goes through here, from the admin, commands and API.

Each service runs in one transaction, locks the rows it changes, refuses changes that
make no sense with an error naming the lap, and leaves a history record that says who
changed what, when and why (django-simple-history keeps the old values).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import caching
from .enums import DeletionReason, PenaltyKind
from .errors import InvalidChange
from .laptime import format_lap_time
from .models import Entry, EntryDriver, Lap, Penalty, ResultRow, Session


def _lap_label(lap: Lap) -> str:
    return f"lap {lap.lap_number} of car #{lap.entry.number} in {lap.session.path}"


def _locked(lap: Lap) -> Lap:
    return (
        Lap.objects.select_for_update(of=("self",))
        .select_related("entry", "session__round__season__championship")
        .get(pk=lap.pk)
    )


def _save_with_history(lap: Lap, *, user: AbstractBaseUser | None, reason: str, fields: list[str] | None = None):
    lap._history_user = user
    lap._change_reason = reason
    lap.save(update_fields=fields)


@transaction.atomic
def lap_time_delete(
    *, lap: Lap, note: str, user: AbstractBaseUser | None, kind: str = DeletionReason.TRACK_LIMITS
) -> Lap:
    """Delete a lap's time (it stops counting for best laps); the lap itself stays.

    ``kind`` is the kind of deletion (track limits, other), ``note`` why, in words.
    """
    note = (note or "").strip()
    if kind not in DeletionReason.values:
        raise InvalidChange(f"“{kind}” is not a kind of deletion; use one of {', '.join(DeletionReason.values)}.")
    lap = _locked(lap)
    if not note:
        raise InvalidChange(f"Give a reason for deleting the time of {_lap_label(lap)}.")
    if lap.is_time_deleted:
        raise InvalidChange(f"The time of {_lap_label(lap)} is already deleted.")
    lap.is_time_deleted = True
    lap.deletion_reason = kind
    lap.deletion_note = note
    lap.deleted_by = user if user is not None and user.is_authenticated else None
    lap.deleted_at = timezone.now()
    _save_with_history(
        lap,
        user=lap.deleted_by,
        reason=f"Time deleted ({DeletionReason(kind).label.lower()}): {note}",
        fields=["is_time_deleted", "deletion_reason", "deletion_note", "deleted_by", "deleted_at"],
    )
    return lap


@transaction.atomic
def lap_time_reinstate(*, lap: Lap, user: AbstractBaseUser | None, note: str = "") -> Lap:
    """Give a deleted lap time back; the deletion stays in the lap's history."""
    lap = _locked(lap)
    if not lap.is_time_deleted:
        raise InvalidChange(f"The time of {_lap_label(lap)} is not deleted.")
    lap.is_time_deleted = False
    lap.deletion_reason = ""
    lap.deletion_note = ""
    lap.deleted_by = None
    lap.deleted_at = None
    note = (note or "").strip()
    _save_with_history(
        lap,
        user=user,
        reason=f"Time reinstated: {note}" if note else "Time reinstated",
        fields=["is_time_deleted", "deletion_reason", "deletion_note", "deleted_by", "deleted_at"],
    )
    return lap


@transaction.atomic
def lap_times_delete(
    *, laps: Sequence[Lap], note: str, user: AbstractBaseUser | None, kind: str = DeletionReason.TRACK_LIMITS
) -> list[Lap]:
    """Delete several lap times at once: all of them, or none when one cannot be deleted."""
    return [lap_time_delete(lap=lap, note=note, user=user, kind=kind) for lap in laps]


@transaction.atomic
def lap_times_reinstate(*, laps: Sequence[Lap], user: AbstractBaseUser | None, note: str = "") -> list[Lap]:
    """Reinstate several lap times at once: all of them, or none when one is not deleted."""
    return [lap_time_reinstate(lap=lap, user=user, note=note) for lap in laps]


@transaction.atomic
def lap_time_correct(
    *, lap: Lap, lap_time_ms: int, user: AbstractBaseUser | None, reason: str = "", also: dict | None = None
) -> Lap:
    """Set a lap's time to ``lap_time_ms`` (and the fields in ``also``, by attribute name).

    Only those fields are written, onto the locked row, so a deletion an editor made a
    moment ago is never undone; the old time goes into the history reason.
    """
    if not isinstance(lap_time_ms, int) or lap_time_ms <= 0:
        raise InvalidChange(f"A lap time must be a positive number of milliseconds, not {lap_time_ms!r}.")
    locked = _locked(lap)
    if locked.lap_time_ms == lap_time_ms:
        raise InvalidChange(f"The time of {_lap_label(locked)} is already {format_lap_time(lap_time_ms)}.")
    summary = f"Lap time corrected from {format_lap_time(locked.lap_time_ms)} to {format_lap_time(lap_time_ms)}"
    reason = (reason or "").strip()
    locked.lap_time_ms = lap_time_ms
    also = also or {}
    for name, value in also.items():
        setattr(locked, name, value)
    _save_with_history(
        locked, user=user, reason=f"{summary}: {reason}" if reason else summary, fields=["lap_time_ms", *also]
    )
    lap.lap_time_ms = lap_time_ms
    return locked


# --- Results: invalidation and the stored classification -------------------------------------------


def session_results_touch(*, session_ids: Iterable[int]) -> None:
    """Mark the results of these sessions as changed: a new version, recomputed on the next read."""
    ids = {session_id for session_id in session_ids if session_id is not None}
    if ids:
        Session.objects.filter(pk__in=ids).update(
            results_version=F("results_version") + 1, results_updated_at=timezone.now()
        )
        caching.stamps_changed(ids)


@transaction.atomic
def session_classification_refresh(*, session: Session) -> Session:
    """Recompute the session's result rows if they are older than its results version.

    The version is read (and the session row locked) before the laps are loaded, so rows
    stored under a version never contain less than that version's data.
    """
    from .selectors import classification_compute

    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.classified_version == locked.results_version:
        session.classified_version = locked.classified_version
        return session
    classification = classification_compute(locked)
    line_ups: dict[int, list] = {}
    for entry_id, driver_id, first, last in (
        EntryDriver.objects.filter(entry__round_id=locked.round_id)
        .order_by("entry_id", "order")
        .values_list("entry_id", "driver_id", "driver__first_name", "driver__last_name")
    ):
        line_ups.setdefault(entry_id, []).append([driver_id, first, last])
    fastest_overall = classification.fastest_lap.entry_id if classification.fastest_lap else None
    fastest_by_class = {lap.entry_id for lap in classification.fastest_lap_by_class.values()}
    ResultRow.objects.filter(session=locked).delete()
    ResultRow.objects.bulk_create(
        ResultRow(
            session=locked,
            entry_id=row.entry_id,
            row_order=index,
            overall_position=row.overall_position,
            class_position=row.class_position,
            status=row.status,
            status_reason=row.status_reason,
            laps=row.laps,
            best_lap_ms=row.best_lap_ms,
            best_lap_number=row.best_lap_number,
            best_lap_driver=row.best_lap_driver,
            qualifying_time_ms=row.qualifying_time_ms,
            total_time_ms=row.total_time_ms,
            penalty_time_ms=row.penalty_time_ms,
            gap_to_leader_ms=row.gap_to_leader_ms,
            gap_to_leader_laps=row.gap_to_leader_laps,
            interval_ms=row.interval_ms,
            interval_laps=row.interval_laps,
            class_gap_to_leader_ms=row.class_gap_to_leader_ms,
            class_gap_to_leader_laps=row.class_gap_to_leader_laps,
            class_interval_ms=row.class_interval_ms,
            class_interval_laps=row.class_interval_laps,
            line_up=line_ups.get(row.entry_id, []),
            has_fastest_lap=row.entry_id == fastest_overall,
            has_class_fastest_lap=row.entry_id in fastest_by_class,
        )
        for index, row in enumerate(classification.rows, start=1)
    )
    Session.objects.filter(pk=locked.pk).update(classified_version=locked.results_version)
    session.classified_version = session.results_version = locked.results_version
    return session


# --- Penalties ------------------------------------------------------------------------------------------


def penalty_validate(
    *, session: Session, entry: Entry, kind: str, reason: str, time_ms: int | None, grid_places: int | None
) -> None:
    """Refuse a penalty that makes no sense, naming the car and the session."""
    label = f"car #{entry.number} in {session.path}"
    if not (reason or "").strip():
        raise InvalidChange(f"Give a reason for the penalty of {label}.")
    if entry.round_id != session.round_id:
        raise InvalidChange(f"Car #{entry.number} is not entered in {session.path}.")
    if kind == PenaltyKind.TIME and not (time_ms and time_ms > 0):
        raise InvalidChange(f"A time penalty needs a time above zero ({label}).")
    if kind == PenaltyKind.GRID_PLACES and not (grid_places and grid_places > 0):
        raise InvalidChange(f"A grid penalty needs one place or more ({label}).")
    if (
        kind == PenaltyKind.DISQUALIFICATION
        and Penalty.objects.active().filter(session=session, entry=entry, kind=kind).exists()
    ):
        raise InvalidChange(f"Car #{entry.number} is already disqualified in {session.path}.")


@transaction.atomic
def penalty_apply(
    *,
    session: Session,
    entry: Entry,
    kind: str,
    reason: str,
    user: AbstractBaseUser | None,
    time_ms: int | None = None,
    grid_places: int | None = None,
) -> Penalty:
    """Give a car a penalty in a session."""
    penalty_validate(session=session, entry=entry, kind=kind, reason=reason, time_ms=time_ms, grid_places=grid_places)
    reason = reason.strip()
    penalty = Penalty(
        session=session,
        entry=entry,
        kind=kind,
        time_ms=time_ms if kind == PenaltyKind.TIME else None,
        grid_places=grid_places if kind == PenaltyKind.GRID_PLACES else None,
        reason=reason,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    penalty._history_user = penalty.created_by
    penalty._change_reason = f"Penalty given: {reason}"
    penalty.save()
    return penalty


@transaction.atomic
def penalty_revoke(*, penalty: Penalty, user: AbstractBaseUser | None, reason: str = "") -> Penalty:
    """Withdraw a penalty; it stays on record, revoked, with who, when and why."""
    penalty = (
        Penalty.objects.select_for_update()
        .select_related("entry", "session__round__season__championship")
        .get(pk=penalty.pk)
    )
    if penalty.revoked_at is not None:
        raise InvalidChange(
            f"That penalty of car #{penalty.entry.number} in {penalty.session.path} is already revoked."
        )
    penalty.revoked_at = timezone.now()
    penalty.revoked_by = user if user is not None and user.is_authenticated else None
    penalty.revoke_reason = (reason or "").strip()
    penalty._history_user = penalty.revoked_by
    penalty._change_reason = f"Penalty revoked: {penalty.revoke_reason}" if penalty.revoke_reason else "Penalty revoked"
    penalty.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return penalty
