"""Reads of a session: the session by its address, its entries, laps, result rows, starting
grid, lap chart and a car's laps."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.functions import Length

from ..addresses import CAR_NUMBER, SessionAddress
from ..core import classification, sanity
from ..core.charts import CarLapSeries
from ..enums import PenaltyKind, SessionKind
from ..errors import NotFound
from ..models import (
    Driver,
    Entry,
    Lap,
    Penalty,
    ResultRow,
    Round,
    Session,
)
from ..results import car_chart, charts, store
from ..results.inputs import classification_compute
from .calendar import round_entries


def session_laps(session: Session, *, entry: Entry | None = None) -> QuerySet[Lap]:
    """The session's laps (of one car if given): by class order, car number, then lap number."""
    laps = Lap.objects.filter(session=session)
    if entry is not None:
        laps = laps.filter(entry=entry)
    return laps.select_related("entry__car_class", "driver").order_by(
        "entry__car_class__display_order", Length("entry__number"), "entry__number", "entry_id", "lap_number"
    )


def session_get(address: SessionAddress) -> Session:
    """The session at ``address``, with its round, season, championship and circuit."""
    if not address.is_valid():
        raise NotFound(f"No session {address.path}.")
    try:
        return Session.objects.with_path_parts().get(**address.lookups())
    except Session.DoesNotExist:
        raise NotFound(f"No session {address.path}.") from None


def session_get_by_path(path: str) -> Session:
    """The session named ``<championship>/<year>/<round>/<session>``, e.g. ``wec/2021/portimao/qualifying``."""
    address = SessionAddress.parse(path)
    try:
        return session_get(address)
    except NotFound:
        raise NotFound(f"No session {path}.") from None  # in the words the editor typed


def entry_get(*, session: Session, number: str) -> Entry:
    """The car with this number in the session's round; ``7`` and ``007`` are different cars."""
    if not CAR_NUMBER.match(number):
        raise NotFound(f"No car #{number} is entered in {session.path}.")
    entry = Entry.objects.filter(round_id=session.round_id, number=number).select_related("team").first()
    if entry is None:
        raise NotFound(f"No car #{number} is entered in {session.path}.")
    return entry


def lap_get(*, session: Session, number: str, lap_number: int) -> Lap:
    """One lap of one car in a session."""
    entry = entry_get(session=session, number=number)
    lap = Lap.objects.filter(session=session, entry=entry, lap_number=lap_number).first()
    if lap is None:
        raise NotFound(f"Car #{number} has no lap {lap_number} in {session.path}.")
    return lap


def session_result_rows(session: Session) -> QuerySet[ResultRow]:
    """The session's classified rows in overall order, brought up to date first if stale."""
    store.session_rows_bring_up_to_date(session)
    return (
        ResultRow.objects.filter(session_id=session.pk)
        .select_related("entry__team", "entry__car_class")
        .order_by("row_order")
    )


def _grid_sessions(round_) -> tuple[Session | None, Session | None]:
    """The sessions that set the round's starting grid: its last qualifying and its last Hyperpole."""
    sessions = list(Session.objects.with_path_parts().filter(round=round_).order_by("start", "pk"))
    qualifying = [s for s in sessions if s.kind == SessionKind.QUALIFYING]
    hyperpole = [s for s in sessions if s.kind == SessionKind.HYPERPOLE]
    return (qualifying[-1] if qualifying else None, hyperpole[-1] if hyperpole else None)


def _starting_grid(round_, qualifying: Session | None, hyperpole: Session | None) -> list[classification.GridRow]:
    if qualifying is None:
        return []
    grid_penalties = [
        classification.PenaltyInput(entry_id=p.entry_id, kind=p.kind, grid_places=p.grid_places)
        for p in Penalty.objects.active().filter(session__round=round_, kind=PenaltyKind.GRID_PLACES)
    ]
    return classification.starting_grid(
        qualifying=classification_compute(qualifying),
        hyperpole=classification_compute(hyperpole) if hyperpole else None,
        grid_penalties=grid_penalties,
    )


def starting_grid_of_round(round_) -> list[classification.GridRow]:
    """The round's starting grid from its (last) qualifying and Hyperpole sessions."""
    return _starting_grid(round_, *_grid_sessions(round_))


def starting_grid_entries(round_: Round) -> list[tuple[classification.GridRow, Entry]]:
    """The round's starting grid, each place with its entry (team, class and line-up loaded)."""
    return [(grid_row, entry) for grid_row, entry, _ in starting_grid_places(round_)]


def starting_grid_places(round_: Round) -> list[tuple[classification.GridRow, Entry, Session]]:
    """The round's starting grid, each place with its entry (team, class and line-up loaded) and
    the session that gave it (Hyperpole for the cars it ranked, else qualifying): its car's page."""
    qualifying, hyperpole = _grid_sessions(round_)
    grid = _starting_grid(round_, qualifying, hyperpole)
    if not grid:
        return []
    entries = {entry.pk: entry for entry in round_entries(round_)}
    return [
        (grid_row, entries[grid_row.row.entry_id], hyperpole if grid_row.from_hyperpole else qualifying)
        for grid_row in grid
    ]


def line_up_slugs(rows: Iterable[ResultRow]) -> dict[int, str]:
    """The addresses (slugs) of the drivers in these rows' line-ups, by driver id, in one query."""
    driver_ids = {driver_id for row in rows for driver_id, _first, _last in row.line_up}
    if not driver_ids:
        return {}
    return dict(Driver.objects.filter(pk__in=driver_ids).values_list("pk", "slug"))


def entry_laps(*, session: Session, entry: Entry) -> QuerySet[Lap]:
    """Every lap of one car in a session, in lap order, with its driver and who deleted its time."""
    return (
        Lap.objects.filter(session=session, entry=entry).select_related("driver", "deleted_by").order_by("lap_number")
    )


def entry_lap_series(*, session: Session, entry: Entry) -> CarLapSeries:
    """One car's lap times by driver, stints and drivers' best laps in a session (see ``events.core.charts.car``)."""
    return car_chart.entry_lap_series(session, entry)


def entry_line_up(entry: Entry) -> list[Driver]:
    """The car's drivers, in line-up order."""
    return [entry_driver.driver for entry_driver in entry.entry_drivers.select_related("driver")]


def session_round_entries(session_id: int) -> QuerySet[Entry]:
    """The cars entered in the session's round, with their teams: by class order, then car number."""
    return (
        Entry.objects.filter(round__sessions=session_id)
        .select_related("team")
        .order_by("car_class__display_order", Length("number"), "number")
    )


def session_round_drivers(session_id: int, *, entry_id: int | None = None) -> QuerySet[Driver]:
    """The drivers of the cars entered in the session's round (of one car if given), by name."""
    drivers = Driver.objects.filter(entry_drivers__entry__round__sessions=session_id)
    if entry_id is not None:
        drivers = drivers.filter(entry_drivers__entry_id=entry_id)
    return drivers.distinct().order_by("last_name", "first_name")


def record_last_change(record, field: str):
    """The history entry that last changed ``field`` (attribute name) of ``record``: who, when, why.

    None for a model without history, or when no recent entry changed it (a bulk import)."""
    history = getattr(type(record), "history", None)
    if history is None:
        return None
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    for newer, older in zip(entries, entries[1:], strict=False):
        if getattr(newer, field, None) != getattr(older, field, None):
            return newer
    return None


def lap_time_doubts(
    *, session: Session, entry: Entry, lap_time_ms: int, sectors: tuple, lap_id: int | None = None
) -> list[str]:
    """Why a lap time typed for ``entry`` in ``session`` needs a second look (see ``core.sanity``),
    measured against the valid times of the other laps of its class in the session."""
    others = (
        Lap.objects.valid_times()
        .filter(session=session, entry__car_class_id=entry.car_class_id)
        .exclude(pk=lap_id)
        .values_list("lap_time_ms", flat=True)
    )
    return sanity.lap_time_doubts(lap_time_ms, sectors, list(others), class_name=entry.car_class.name)


def session_lap_chart(session: Session) -> tuple[charts.ClassChart, ...]:
    """The lap chart and gaps of a session, per class in class order (see ``events.core.charts``)."""
    return charts.session_lap_chart(session)
