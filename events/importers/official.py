"""The rows of an official classification file, into a session without laps.

Rows are upserted by car: a second import of the same file changes nothing, a revised
file updates the rows that changed, each write with its history record.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from ..enums import ResultStatus
from ..models import OfficialResult
from .alkamel import ClassificationRow
from .references import RoundReferences
from .summary import ImportSummary


def official_rows_upsert(
    *, references: RoundReferences, rows: Iterable[ClassificationRow], user: AbstractBaseUser | None = None
) -> ImportSummary:
    """Create or update the official results of ``references.session`` from ``rows``, in their
    order; the cars and drivers they name and the round lacks are created. Returns the summary
    it counted into."""
    session = references.session
    summary = references.summary
    existing = {row.entry_id: row for row in OfficialResult.objects.filter(session=session)}
    for order, row in enumerate(rows, start=1):
        entry = references.entry(
            line=row.line,
            number=row.number,
            class_code=row.class_code,
            group=row.group,
            team=row.team,
            car=row.vehicle,
            manufacturer="",
            tyres=row.tyres,
        )
        for name in row.drivers:
            references.add_to_line_up(entry, references.driver(name))
        values = {
            "position": row.position,
            "status": row.status or ResultStatus.CLASSIFIED,
            "laps": row.laps,
            "total_time_ms": row.total_time_ms,
            "gap_first": row.gap_first,
            "gap_previous": row.gap_previous,
            "fastest_lap_number": row.fastest_lap_number,
            "fastest_lap_ms": row.fastest_lap_ms,
            "fastest_lap_kph": row.fastest_lap_kph,
            "row_order": order,
        }
        current = existing.get(entry.pk)
        if current is None:
            result = OfficialResult(session=session, entry=entry, **values)
            result._history_user = user
            result._change_reason = "Imported from timing file"
            result.save()
            summary.rows_created += 1
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            current._history_user = user
            current._change_reason = "Updated from a revised timing file"
            current.save()
            summary.rows_updated += 1
        else:
            summary.rows_unchanged += 1
    return summary
