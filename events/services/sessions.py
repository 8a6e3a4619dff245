"""Writes of a session's life: scheduled, live while laps come in, then provisional and final results.

An editor may move a session to any of the four states, back as well as forward (final
to provisional when a decision is appealed, live to scheduled when a feed was started
too early). Every move is kept in the session's history with who and why, and touches
the session's results, so its pages, embeds and JSON (and their ETags) change at once.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..enums import SessionStatus
from ..errors import InvalidChange
from ..models import Session
from ..results.signals import results_signals_suspended
from ..results.versions import session_results_touch

# What the history says when the first lap of a scheduled session comes in.
FIRST_LAP_NOTE = "The first lap came in."


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update(of=("self",)).with_path_parts().get(pk=session.pk)


def _write(locked: Session, *, status: str, user: AbstractBaseUser | None, note: str) -> None:
    """The new status onto the locked row, its history, and one touch of the session's results."""
    move = f"Status changed from {SessionStatus(locked.status).label} to {SessionStatus(status).label}"
    locked.status = status
    locked._history_user = user if user is not None and user.is_authenticated else None
    locked._change_reason = f"{move}: {note}" if note else move
    with results_signals_suspended():  # touched once, below, even where a caller suspends the signals
        locked.save(update_fields=["status"])
    session_results_touch(session_ids=[locked.pk])


@transaction.atomic
def session_status_set(*, session: Session, status: str, user: AbstractBaseUser | None, note: str = "") -> Session:
    """Move the session to ``status`` (scheduled, live, provisional or final), from any other.

    ``note`` says why, in words; the history keeps it with the old and the new status.
    Refused when ``status`` is not one of the four, or is the session's status already.
    """
    if status not in SessionStatus.values:
        raise InvalidChange(f"“{status}” is not a session status; use one of {', '.join(SessionStatus.values)}.")
    locked = _locked(session)
    if locked.status == status:
        raise InvalidChange(f"{locked.path} is already {SessionStatus(status).label.lower()}.")
    _write(locked, status=status, user=user, note=(note or "").strip())
    session.status = status
    return locked


@transaction.atomic
def session_live_mark(*, session: Session, user: AbstractBaseUser | None = None) -> bool:
    """A lap came in: a scheduled session becomes live. True when it did.

    A session in any other state stays as it is: live already, or provisional or final
    as an editor left it (a late lap never undoes their decision).
    """
    locked = _locked(session)
    if locked.status != SessionStatus.SCHEDULED:
        session.status = locked.status
        return False
    _write(locked, status=SessionStatus.LIVE, user=user, note=FIRST_LAP_NOTE)
    session.status = SessionStatus.LIVE
    return True
