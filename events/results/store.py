"""The stored result rows of a session: the only writer of them.

Rows are recomputed on the first read after a change (``results_version`` moved past
``classified_version``), not at the change itself: live timing saves a lap every few
seconds and would otherwise recompute the whole session each time.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, QuerySet

from ..models import EntryDriver, ResultRow, Session
from .inputs import classification_compute


def session_rows_bring_up_to_date(session: Session) -> None:
    """Recompute the session's stored rows if its results changed since they were stored."""
    if session.classified_version != session.results_version:
        session_classification_refresh(session=session)


def sessions_bring_up_to_date(sessions: QuerySet[Session]) -> None:
    """Recompute the stored rows of those sessions whose results changed since (a query when none did)."""
    for session in sessions.exclude(classified_version=F("results_version")):
        session_classification_refresh(session=session)


@transaction.atomic
def session_classification_refresh(*, session: Session) -> Session:
    """Recompute the session's result rows if they are older than its results version.

    The version is read (and the session row locked) before the laps are loaded, so rows
    stored under a version never contain less than that version's data.
    """
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
