"""What a car page's charts are drawn from: one car's laps in one session, read in one query as
plain tuples, and the core's lap times, stints and drivers' best laps built from them."""

from __future__ import annotations

from ..core.charts import CarLapSeries, ChartLap, car_lap_series
from ..models import Entry, Lap, Session


def entry_lap_series(session: Session, entry: Entry) -> CarLapSeries:
    """The car's lap times by driver, its stints and each driver's best valid lap in the session."""
    rows = (
        Lap.objects.filter(session=session, entry=entry)
        .order_by("lap_number")
        .values_list(
            "lap_number", "elapsed_ms", "lap_time_ms", "is_time_deleted", "driver_id", "driver__first_name",
            "driver__last_name", "crossed_line_in_pit", "flag_at_line",
        )
    )  # fmt: skip
    laps = (
        ChartLap(
            number=entry.number,
            class_code="",  # one car: its class is not read
            lap_number=lap_number,
            elapsed_ms=elapsed_ms,
            lap_time_ms=lap_time_ms,
            time_deleted=deleted,
            driver="" if driver_id is None else str(driver_id),
            driver_name=f"{first_name or ''} {last_name or ''}".strip(),
            pit_in=pit_in,
            flag=flag,
        )
        for lap_number, elapsed_ms, lap_time_ms, deleted, driver_id, first_name, last_name, pit_in, flag in rows
    )
    return car_lap_series(entry.number, laps)
