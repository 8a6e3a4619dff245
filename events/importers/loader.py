"""Load an Al Kamel file into the database: idempotent, one transaction, with history.

Whatever the file needs and the database lacks is created (championship, season,
round, session, classes, teams, drivers, entries: ``references``). An analysis file's
laps are upserted by session, car and lap number (``laps``), a classification file's
rows by car (``official``): a second import of the same file changes nothing; a revised
file updates what changed; editors' corrections and deletions survive, each reported in
the summary (``summary``). This module runs them in order, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..models import Session
from ..results.signals import results_signals_suspended
from ..results.versions import session_results_touch
from .alkamel import ANALYSIS, open_lines, parse_analysis, parse_classification, sniff_layout
from .laps import laps_upsert
from .official import official_rows_upsert
from .references import RoundReferences, session_get_or_create
from .summary import ImportSummary


class _DryRun(Exception):
    pass


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
            session = session_get_or_create(
                session_path,
                kind=kind,
                championship_name=championship_name,
                round_name=round_name,
                session_name=session_name,
                summary=summary,
            )
            references = RoundReferences(session, summary)
            with results_signals_suspended():  # one touch at the end instead of one per object
                if layout == ANALYSIS:
                    laps_upsert(
                        session=session,
                        laps=parse_analysis(open_lines(data)),
                        references=references,
                        user=user,
                        progress=progress,
                    )
                else:
                    official_rows_upsert(references=references, rows=parse_classification(open_lines(data)), user=user)
            # New entries and line-ups show in every session of the round.
            session_results_touch(
                session_ids=Session.objects.filter(round_id=session.round_id).values_list("pk", flat=True)
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return summary
