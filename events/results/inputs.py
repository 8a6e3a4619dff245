"""What the classification engine needs, loaded from the database, and the engine run on it."""

from __future__ import annotations

from django.db import connections
from django.db.models import Count, Max, Min, Q, Sum

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
    lap_rows, totals = _deciding_laps(session)
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
            is_time_deleted=bool(deleted),  # 0 or 1 from SQLite
            driver_id=driver_id,
            driver_name=driver_names.get(driver_id, ""),
            elapsed_ms=elapsed_ms,
            crossed_line_in_pit=bool(in_pit),
        )
        for entry_id, lap_number, lap_time_ms, deleted, driver_id, elapsed_ms, in_pit in lap_rows
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
        lap_totals=totals,
    )


LAP_FIELDS = (
    "entry_id",
    "lap_number",
    "lap_time_ms",
    "is_time_deleted",
    "driver_id",
    "elapsed_ms",
    "crossed_line_in_pit",
)


def _deciding_laps(session: Session) -> tuple[list[tuple], dict[int, classification.LapTotals]]:
    """The laps that decide the classification (see ``classification.classify``) as rows of
    ``LAP_FIELDS``, and each car's lap count and time sum.

    A live race is re-classified after every batch: reading its 20,000 laps took most of
    the time until a batch was visible. The totals come from one grouped query on an
    index that covers it, the deciding laps from one query that finds each by index.
    """
    laps = Lap.objects.filter(session_id=session.pk).order_by()
    per_car = laps.values("entry_id").annotate(
        count=Count("pk"),
        time_sum=Sum("lap_time_ms"),
        last=Max("lap_number"),
        best=Min("lap_time_ms", filter=Q(is_time_deleted=False)),
    )
    totals, wanted = {}, []
    for car in per_car:
        totals[car["entry_id"]] = classification.LapTotals(count=car["count"], time_sum_ms=car["time_sum"])
        wanted.append({"session_id": session.pk, "entry_id": car["entry_id"], "lap_number": car["last"]})
        if car["best"] is not None:
            best = {"session_id": session.pk, "entry_id": car["entry_id"], "is_time_deleted": False}
            wanted.append(best | {"lap_time_ms": car["best"]})
    if session.kind != SessionKind.RACE:  # the average of two drivers' best laps (seasons 2015-2020)
        per_driver = (
            laps.filter(is_time_deleted=False, driver_id__isnull=False)
            .values("entry_id", "driver_id")
            .annotate(best=Min("lap_time_ms"))
        )
        for driver in per_driver:
            best = {"session_id": session.pk, "entry_id": driver["entry_id"], "is_time_deleted": False}
            wanted.append(best | {"driver_id": driver["driver_id"], "lap_time_ms": driver["best"]})
    unique = {(row[0], row[1]): row for row in _laps_matching(wanted)}  # a lap can be a car's last and its best
    return list(unique.values()), totals


def _laps_matching(terms: list[dict[str, object]]) -> list[tuple]:
    """Rows of ``LAP_FIELDS`` of the laps equal to any of ``terms`` (field -> value), in one query.

    Each term names the session and car first, so the database finds each lap by index.
    The SQL is written here, not by the ORM from ``Q`` objects: building the race's 124
    terms that way took 25 ms, the database answers in a fraction of one. A few
    placeholders per car, in one query whatever the number of cars (SQLite takes 32,766).
    """
    if not terms:
        return []
    connection = connections[Lap.objects.db]
    column = {field.attname: connection.ops.quote_name(field.column) for field in Lap._meta.concrete_fields}
    where, params = [], []
    for term in terms:
        where.append("(" + " AND ".join(f"{column[name]} = %s" for name in term) + ")")
        params += term.values()
    sql = (
        f"SELECT {', '.join(column[name] for name in LAP_FIELDS)}"
        f" FROM {connection.ops.quote_name(Lap._meta.db_table)} WHERE {' OR '.join(where)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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
