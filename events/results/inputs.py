"""What the classification engine needs, loaded from the database, and the engine run on it."""

from __future__ import annotations

from ..core import classification
from ..enums import PenaltyKind, ResultStatus, SessionKind
from ..models import CarClass, Driver, Entry, EntryDriver, Lap, OfficialResult, Penalty, Session, StatusOverride


def classification_compute(session: Session) -> classification.Classification:
    """Load everything the engine needs with a fixed number of queries, and run it."""
    season = session.round.season
    classes = [
        classification.CarClassInfo(code=c.code, name=c.name, display_order=c.display_order, colour=c.colour)
        for c in CarClass.objects.filter(season_id=season.pk)
    ]
    line_ups: dict[int, list[str]] = {}
    driver_names: dict[int, str] = {}
    for entry_driver in EntryDriver.objects.filter(entry__round_id=session.round_id).select_related("driver"):
        line_ups.setdefault(entry_driver.entry_id, []).append(entry_driver.driver.full_name)
        driver_names[entry_driver.driver_id] = entry_driver.driver.full_name
    entries = [
        classification.EntryInput(
            entry_id=entry.pk,
            number=entry.number,
            class_code=entry.car_class.code,
            group=entry.group,
            team=entry.team.name,
            car=entry.car,
            drivers=tuple(line_ups.get(entry.pk, ())),
        )
        for entry in Entry.objects.filter(round_id=session.round_id).select_related("team", "car_class")
    ]
    lap_rows = list(
        Lap.objects.filter(session_id=session.pk).values_list(
            "entry_id",
            "lap_number",
            "lap_time_ms",
            "is_time_deleted",
            "driver_id",
            "elapsed_ms",
            "crossed_line_in_pit",
        )
    )
    if not lap_rows:
        official = [
            classification.OfficialRowInput(
                entry_id=r.entry_id,
                position=r.position,
                status=r.status,
                laps=r.laps,
                total_time_ms=r.total_time_ms,
                fastest_lap_number=r.fastest_lap_number,
                fastest_lap_ms=r.fastest_lap_ms,
            )
            for r in OfficialResult.objects.filter(session_id=session.pk).order_by("row_order")
        ]
        if official:  # a historical session: the official classification, and decisions taken since
            return classification.classify_official(
                kind=session.kind,
                classes=classes,
                entries=entries,
                rows=official,
                overrides=_overrides(session),
                penalties=_penalties(session),
            )
    unknown_drivers = {row[4] for row in lap_rows if row[4] is not None and row[4] not in driver_names}
    if unknown_drivers:  # a lap driven by someone not in the line-up
        driver_names.update((d.pk, d.full_name) for d in Driver.objects.filter(pk__in=unknown_drivers))
    laps = [
        classification.LapInput(
            entry_id=entry_id,
            lap_number=lap_number,
            lap_time_ms=lap_time_ms,
            is_time_deleted=is_time_deleted,
            driver_id=driver_id,
            driver_name=driver_names.get(driver_id, ""),
            elapsed_ms=elapsed_ms,
            crossed_line_in_pit=in_pit,
        )
        for entry_id, lap_number, lap_time_ms, is_time_deleted, driver_id, elapsed_ms, in_pit in lap_rows
    ]
    penalties = _penalties(session)
    overrides = _overrides(session)
    if session.kind != SessionKind.RACE:
        # The race rules apply penalties themselves; elsewhere a disqualification acts as a status,
        # unless an editor set the status explicitly.
        overridden = {o.entry_id for o in overrides}
        overrides += [
            classification.StatusOverride(entry_id=p.entry_id, status=ResultStatus.DISQUALIFIED, reason="Disqualified")
            for p in penalties
            if p.kind == PenaltyKind.DISQUALIFICATION and p.entry_id not in overridden
        ]
    rules = classification.Rules(
        qualifying_rule=season.qualifying_rule,
        threshold_percent=season.classification_threshold_percent,
        threshold_of_class_winner=season.threshold_of_class_winner,
    )
    return classification.classify(
        kind=session.kind,
        classes=classes,
        entries=entries,
        laps=laps,
        penalties=penalties,
        rules=rules,
        overrides=overrides,
    )


def _penalties(session: Session) -> list[classification.PenaltyInput]:
    return [
        classification.PenaltyInput(
            entry_id=p.entry_id, kind=p.kind, time_ms=p.time_ms, grid_places=p.grid_places, laps=p.laps
        )
        for p in Penalty.objects.active().filter(session_id=session.pk)
    ]


def _overrides(session: Session) -> list[classification.StatusOverride]:
    return [
        classification.StatusOverride(entry_id=o.entry_id, status=o.status, reason=o.reason)
        for o in StatusOverride.objects.filter(session_id=session.pk)
    ]
