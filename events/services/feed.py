"""The live feed's writes: a batch of Al Kamel analysis rows from a timing system into a session.

A timing system posts, every few seconds or minutes, a header line and the rows of the
laps it has (any layout the importer reads). Batches may overlap and come out of order:
each lap is upserted by car and lap number through the same code as a whole-file import
(``events.importers``), so a lap already stored as the batch gives it is left alone, a
changed one is updated with a history record from the feed, and editors' deletions and
corrections are kept, as with re-imports. The first laps of a scheduled session make it
live; a session the feed names and the database lacks is created (with its round, as an
import would) when the feed says its kind and its round's name. A provisional session
still takes batches (timing's late rows) and stays provisional; a final one refuses them
(``SessionFinal``): published results change only by an editor's hand, or after an editor
sets the session back to provisional.

The whole batch is read and checked before anything is written, and all of it is
written in one transaction: a bad row is an :class:`AlkamelError` naming its line
(``line N: ...``) and nothing of the batch is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..addresses import SessionAddress
from ..enums import SessionKind, SessionStatus
from ..errors import InvalidChange
from ..importers.alkamel import ANALYSIS, open_lines, parse_analysis
from ..importers.laps import FROM_FEED, laps_upsert
from ..importers.references import RoundReferences, session_create, session_for_import
from ..importers.summary import ImportSummary
from ..models import Session
from ..results.signals import results_signals_suspended
from ..results.versions import session_results_touch

WENT_LIVE_REASON = "Live: the first laps came in from the live feed"


class SessionFinal(InvalidChange):
    """The session's results are final: the feed writes into it no more."""


@dataclass(frozen=True)
class FeedCounts:
    """What one batch did: its lap rows, and how many laps it created, updated or left as they were."""

    session: Session
    rows: int  # lap rows in the batch
    laps_created: int
    laps_updated: int
    laps_unchanged: int  # already stored as the batch gives them (or kept as an editor left them)
    editor_changes_kept: int  # editors' deleted or corrected times the batch would have changed
    entries_created: int  # cars the batch named and the round lacked
    times_not_counted: int  # laps faster than the car's marked best: their time deleted
    session_created: bool
    went_live: bool  # the batch made the session live: it was scheduled, or is new


def session_feed(
    *,
    address: SessionAddress,
    text: str | bytes,
    user: AbstractBaseUser | None,
    kind: str | None = None,
    round_name: str | None = None,
) -> FeedCounts:
    """Write a batch of analysis rows (``text``: a header line and rows) into the session at ``address``.

    A session that does not exist is created, live, with its championship, season and round
    where missing; that needs ``kind`` (practice, qualifying ...) and ``round_name``.
    Raises :class:`AlkamelError` (``line N: ...``) for a bad batch, :class:`SessionFinal` for a
    final session and :class:`InvalidChange` for a session it cannot create; nothing is written then.
    """
    laps = list(parse_analysis(open_lines(text)))  # the whole batch checked before any write
    summary = ImportSummary(session_path=address.path, layout=ANALYSIS)
    with transaction.atomic():
        session = session_for_import(address, kind=kind)
        session_created = session is None
        if session is None:
            session = _session_create(address, kind=kind, round_name=round_name, summary=summary)
        elif session.status == SessionStatus.FINAL:
            raise SessionFinal(
                f"{address.path} is final: the feed writes into it no more "
                "(an editor may set it back to provisional to take more laps)."
            )
        references = RoundReferences(session, summary)
        with results_signals_suspended():  # one touch at the end instead of one per lap
            laps_upsert(session=session, laps=laps, references=references, user=user, reasons=FROM_FEED)
            scheduled = session.status == SessionStatus.SCHEDULED
            if scheduled:
                _session_goes_live(session, user)
        _results_touch(session, summary, status_changed=scheduled)
    return FeedCounts(
        session=session,
        rows=len(laps),
        laps_created=summary.laps_created,
        laps_updated=summary.laps_updated,
        laps_unchanged=summary.laps_unchanged,
        editor_changes_kept=len(summary.kept),
        entries_created=summary.entries_created,
        times_not_counted=summary.times_not_counted,
        session_created=session_created,
        went_live=session_created or scheduled,
    )


def _session_create(
    address: SessionAddress, *, kind: str | None, round_name: str | None, summary: ImportSummary
) -> Session:
    missing = [name for name, value in (("kind", kind), ("round_name", round_name)) if not value]
    if missing:
        raise InvalidChange(
            f"There is no session {address.path}: give {' and '.join(missing)} to create it "
            f"(kind: {', '.join(SessionKind.values)})."
        )
    return session_create(address, kind=kind, round_name=round_name, summary=summary, status=SessionStatus.LIVE)


def _session_goes_live(session: Session, user: AbstractBaseUser | None) -> None:
    session.status = SessionStatus.LIVE
    session._history_user = user if user is not None and user.is_authenticated else None
    session._change_reason = WENT_LIVE_REASON
    session.save(update_fields=["status"])


def _results_touch(session: Session, summary: ImportSummary, *, status_changed: bool) -> None:
    """Mark the results changed where the batch changed anything (pages and ETags follow):
    new cars and line-ups show in every session of the round, laps and the status in this one."""
    if summary.entries_created or summary.line_up_places_created or any(summary.created.values()):
        session_results_touch(
            session_ids=Session.objects.filter(round_id=session.round_id).values_list("pk", flat=True)
        )
    elif status_changed or summary.laps_created or summary.laps_updated or summary.times_not_counted:
        session_results_touch(session_ids=[session.pk])
