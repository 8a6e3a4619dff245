"""Writes of status overrides: an editor's decision that replaces a car's computed status
in a session (not classified, did not start, classified after an appeal ...).

Each override has a reason; setting one again replaces the earlier decision and clearing
it gives the computed status back, both kept in the history with who and why.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..enums import ResultStatus
from ..errors import InvalidChange
from ..models import Entry, Session, StatusOverride


def _editor(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def _check_entered(session: Session, entry: Entry) -> None:
    if entry.round_id != session.round_id:
        raise InvalidChange(f"Car #{entry.number} is not entered in {session.path}.")


@transaction.atomic
def status_override_set(
    *, session: Session, entry: Entry, status: str, reason: str, user: AbstractBaseUser | None
) -> StatusOverride:
    """Give car ``entry`` the status ``status`` in the session, whatever its laps say."""
    reason = (reason or "").strip()
    if status not in ResultStatus.values:
        raise InvalidChange(f"“{status}” is not a result status; use one of {', '.join(ResultStatus.values)}.")
    _check_entered(session, entry)
    if not reason:
        raise InvalidChange(f"Give a reason for the status of car #{entry.number} in {session.path}.")
    override = StatusOverride.objects.select_for_update().filter(session=session, entry=entry).first()
    if override is None:
        override = StatusOverride(session=session, entry=entry)
    override.status = status
    override.reason = reason
    override.created_by = _editor(user)
    override._history_user = override.created_by
    override._change_reason = f"Status set to {status}: {reason}"
    override.save()
    return override


@transaction.atomic
def status_override_clear(
    *, session: Session, entry: Entry, user: AbstractBaseUser | None, reason: str = ""
) -> StatusOverride:
    """Remove the car's status override in the session: its computed status counts again.

    Returns the removed override, no longer saved; the history keeps it."""
    reason = (reason or "").strip()
    _check_entered(session, entry)
    override = StatusOverride.objects.select_for_update().filter(session=session, entry=entry).first()
    if override is None:
        raise InvalidChange(f"Car #{entry.number} has no status override in {session.path}.")
    override._history_user = _editor(user)
    override._change_reason = f"Status override removed: {reason}" if reason else "Status override removed"
    override.delete()
    return override
