"""Writes to penalties: give one, withdraw one; each stays on record with who, when and why."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..enums import PenaltyKind
from ..errors import InvalidChange
from ..models import Entry, Penalty, Session


def penalty_validate(
    *,
    session: Session,
    entry: Entry,
    kind: str,
    reason: str,
    time_ms: int | None,
    grid_places: int | None,
    laps: int | None = None,
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
    if kind == PenaltyKind.LAPS and not (laps and laps >= 1):
        raise InvalidChange(f"A laps penalty needs one lap or more ({label}).")
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
    laps: int | None = None,
) -> Penalty:
    """Give a car a penalty in a session (``laps``: how many laps a laps-deducted penalty takes off)."""
    penalty_validate(
        session=session, entry=entry, kind=kind, reason=reason, time_ms=time_ms, grid_places=grid_places, laps=laps
    )
    reason = reason.strip()
    penalty = Penalty(
        session=session,
        entry=entry,
        kind=kind,
        time_ms=time_ms if kind == PenaltyKind.TIME else None,
        grid_places=grid_places if kind == PenaltyKind.GRID_PLACES else None,
        laps=laps if kind == PenaltyKind.LAPS else None,
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
