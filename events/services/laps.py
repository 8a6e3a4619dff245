"""Writes to laps: add a lap by hand (live entry), delete, reinstate and correct a lap's time.

Each service runs in one transaction, locks the rows it changes, refuses changes that
make no sense with an error naming the lap, and leaves a history record that says who
changed what, when and why (django-simple-history keeps the old values).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..core.laptime import TimeFormatError, format_lap_time, parse_lap_time
from ..enums import DeletionReason, FlagAtLine
from ..errors import InvalidChange, NotFound
from ..models import Entry, Lap, Session
from .edits import record_update
from .sessions import session_live_mark

# What the history says of a lap an editor typed in on the live entry screen.
ENTERED_REASON = "Lap entered by hand"


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
    *,
    lap: Lap,
    lap_time_ms: int,
    user: AbstractBaseUser | None,
    reason: str = "",
    also: dict | None = None,
    seen: dict | None = None,
) -> Lap:
    """Set a lap's time to ``lap_time_ms`` (and the fields in ``also``, by attribute name).

    Only those fields are written, onto the locked row, so a deletion an editor made a
    moment ago is never undone; the old time goes into the history reason. ``seen``
    (attribute name → what the editor's screen showed) refuses the correction with
    ``EditConflict`` when someone else changed one of those fields meanwhile.
    """
    if not isinstance(lap_time_ms, int) or lap_time_ms <= 0:
        raise InvalidChange(f"A lap time must be a positive number of milliseconds, not {lap_time_ms!r}.")
    locked = _locked(lap)
    if locked.lap_time_ms == lap_time_ms:
        raise InvalidChange(f"The time of {_lap_label(locked)} is already {format_lap_time(lap_time_ms)}.")
    summary = f"Lap time corrected from {format_lap_time(locked.lap_time_ms)} to {format_lap_time(lap_time_ms)}"
    reason = (reason or "").strip()
    updated = record_update(
        record=locked,
        changes={"lap_time_ms": lap_time_ms, **(also or {})},
        user=user,
        reason=f"{summary}: {reason}" if reason else summary,
        seen=seen,
    )
    lap.lap_time_ms = lap_time_ms
    return updated


@transaction.atomic
def lap_remove(*, lap: Lap, user: AbstractBaseUser | None, reason: str) -> None:
    """Remove a lap an editor entered by mistake; a lap from a timing file only has its time deleted.

    The history keeps the lap, who removed it, when and why; from there it can be brought back.
    """
    reason = (reason or "").strip()
    locked = _locked(lap)
    if locked.imported_lap_time_ms is not None:
        raise InvalidChange(
            f"The {_lap_label(locked)} came from a timing file; it stays, and only its time can be deleted."
        )
    if not reason:
        raise InvalidChange(f"Give a reason for removing {_lap_label(locked)}.")
    locked._history_user = user if user is not None and user.is_authenticated else None
    locked._change_reason = f"Lap removed: {reason}"
    locked.delete()


def _lap_time_ms(lap_time: int | str) -> int:
    """Milliseconds as given, or read from text such as ``1:30.364``."""
    if isinstance(lap_time, int) and not isinstance(lap_time, bool):
        if lap_time <= 0:
            raise InvalidChange(f"A lap time must be a positive number of milliseconds, not {lap_time}.")
        return lap_time
    try:
        return parse_lap_time(str(lap_time))
    except TimeFormatError as error:
        raise InvalidChange(str(error)) from error


@transaction.atomic
def lap_add(
    *,
    session: Session,
    car_number: str,
    lap_time: int | str,
    user: AbstractBaseUser | None,
    flag_at_line: str = "",
    crossed_line_in_pit: bool = False,
) -> Lap:
    """Add the next lap of car ``car_number`` (``#7`` or ``7``) in ``session``, timed ``lap_time``.

    ``lap_time`` is milliseconds or text (``1:30.364``, ``1'30.364``, ``90.364``). The lap's
    number follows the car's last lap in the session; its elapsed time is the last lap's
    plus this one (the lap time itself for a first lap), unknown when the last lap's is.
    A scheduled session becomes live. Refused, with nothing written, for a car not entered
    in the session's round, a time that cannot be read, or a flag that is not one of
    GF, SF, FCY, FF, RF.
    """
    number = str(car_number or "").strip().removeprefix("#").strip()
    lap_time_ms = _lap_time_ms(lap_time)
    if flag_at_line not in ("", *FlagAtLine.values):
        raise InvalidChange(f"“{flag_at_line}” is not a flag at the line; use one of {', '.join(FlagAtLine.values)}.")
    if not number:
        raise InvalidChange("Enter a car number.")
    round_ = Session.objects.select_related("round__season").get(pk=session.pk).round
    entry = Entry.objects.select_for_update(of=("self",)).filter(round=round_, number=number).first()
    if entry is None:  # (locked: two editors typing the same car get laps one after the other)
        raise NotFound(f"No car #{number} entered in {round_}.")
    last = (
        Lap.objects.filter(session=session, entry=entry)
        .order_by("-lap_number")
        .values("lap_number", "elapsed_ms")
        .first()
    )
    if last is None:
        lap_number, elapsed_ms = 1, lap_time_ms
    else:
        lap_number = last["lap_number"] + 1
        elapsed_ms = last["elapsed_ms"] + lap_time_ms if last["elapsed_ms"] is not None else None
    lap = Lap(
        session=session,
        entry=entry,
        lap_number=lap_number,
        lap_time_ms=lap_time_ms,
        elapsed_ms=elapsed_ms,
        flag_at_line=flag_at_line,
        crossed_line_in_pit=crossed_line_in_pit,
    )
    _save_with_history(lap, user=user if user is not None and user.is_authenticated else None, reason=ENTERED_REASON)
    session_live_mark(session=session, user=user)
    return lap
