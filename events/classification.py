"""The rules of classification: who is where, per class, and by how much.

Pure Python, no Django: plain frozen dataclasses in (entries, laps, penalties, editors'
status overrides, the season's rules), plain frozen dataclasses out. The HTML tables,
the embeds, the JSON and the CSV all render the same :class:`ClassifiedRow` objects,
so they can never disagree. All times are integer milliseconds.

Qualifying and practice (``classify_qualifying``)
    Each car's best lap whose time is not deleted. Equal times go to the car that set
    it first (smaller ``elapsed_ms`` of that lap). Cars without a valid time come after
    the timed cars of their class, ordered by car number, with status ``no_time``; they
    still get positions. Gaps are to the leader, intervals to the car ahead, in ms.
    With ``Rules.qualifying_rule == "average_two_drivers"`` (seasons 2015-2020) a car's
    qualifying time is the average of its two fastest drivers' best valid laps; cars
    with two drivers' times come first, then cars with one (ordered by that time),
    then cars with none (``no_time``).

Starting grid (``starting_grid``)
    From qualifying, and from Hyperpole where the round has one: Hyperpole order fixes
    the top of each class, the rest follow in qualifying order. Grouped by class in
    class display order; a grid penalty moves a car back that many places in its class.

Race (``classify_race``)
    More laps first, then the earlier crossing of the line at the finish
    (``elapsed_ms`` of the last lap, plus time penalties). The chequered flag falls when
    the leader completes its last lap; a car whose last crossing came before that did
    not take the flag and is ``retired``. A car that took the flag with fewer than
    ``threshold_percent`` of the overall winner's laps (of its class winner's with
    ``threshold_of_class_winner``) is ``not_classified``. A disqualification penalty
    makes a car ``disqualified``; editors may override any status (``did_not_start``
    included) with a reason. Only ``classified`` rows get positions; the others follow
    them, without positions, in the order not_classified, retired, disqualified,
    did_not_start. Gaps are in time on the same lap, in laps otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# Statuses of a classified row (stable codes, also used in the JSON).
CLASSIFIED = "classified"
NO_TIME = "no_time"
NOT_CLASSIFIED = "not_classified"
RETIRED = "retired"
DISQUALIFIED = "disqualified"
DID_NOT_START = "did_not_start"
STATUSES = (CLASSIFIED, NO_TIME, NOT_CLASSIFIED, RETIRED, DISQUALIFIED, DID_NOT_START)
UNPOSITIONED_STATUSES = (NOT_CLASSIFIED, RETIRED, DISQUALIFIED, DID_NOT_START)

# Session kinds the core knows; practice, qualifying, hyperpole and warm-up rank by best lap.
RACE = "race"

# Qualifying rules of a season.
BEST_LAP = "best_lap"
AVERAGE_TWO_DRIVERS = "average_two_drivers"

# Penalty kinds.
PENALTY_TIME = "time"
PENALTY_DRIVE_THROUGH = "drive_through"
PENALTY_GRID_PLACES = "grid_places"
PENALTY_DISQUALIFICATION = "disqualification"


@dataclass(frozen=True, slots=True)
class CarClassInfo:
    code: str  # as official timing names it: HYPERCAR, LMP2, LMGTE Pro ...
    name: str
    display_order: int
    colour: str = ""


@dataclass(frozen=True, slots=True)
class EntryInput:
    entry_id: int
    number: str  # "7" and "007" are different cars
    class_code: str
    group: str = ""
    team: str = ""
    car: str = ""
    drivers: tuple[str, ...] = ()  # names in line-up order


@dataclass(frozen=True, slots=True)
class LapInput:
    entry_id: int
    lap_number: int
    lap_time_ms: int
    is_time_deleted: bool = False
    driver_id: int | None = None
    driver_name: str = ""
    elapsed_ms: int | None = None  # from the session start to the end of this lap
    crossed_line_in_pit: bool = False


@dataclass(frozen=True, slots=True)
class PenaltyInput:
    entry_id: int
    kind: str  # PENALTY_TIME, PENALTY_DRIVE_THROUGH, PENALTY_GRID_PLACES, PENALTY_DISQUALIFICATION
    time_ms: int | None = None
    grid_places: int | None = None


@dataclass(frozen=True, slots=True)
class StatusOverride:
    """An editor's decision that replaces the computed status of a car."""

    entry_id: int
    status: str  # one of STATUSES
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Rules:
    qualifying_rule: str = BEST_LAP
    threshold_percent: int = 70
    threshold_of_class_winner: bool = False


@dataclass(frozen=True, slots=True)
class ClassifiedRow:
    """One car in a classification: the single product of the engine."""

    entry_id: int
    number: str
    class_code: str
    group: str
    team: str
    car: str
    drivers: tuple[str, ...]
    status: str
    status_reason: str
    overall_position: int | None
    class_position: int | None
    laps: int
    best_lap_ms: int | None
    best_lap_number: int | None
    best_lap_driver: str
    # What the order was decided on in qualifying: the best lap, or the two-driver average.
    qualifying_time_ms: int | None
    # Race: crossing of the line at the finish, penalties included; None elsewhere.
    total_time_ms: int | None
    penalty_time_ms: int
    # Against the overall leader and the car ahead overall.
    gap_to_leader_ms: int | None
    gap_to_leader_laps: int
    interval_ms: int | None
    interval_laps: int
    # Against the class leader and the car ahead in the class.
    class_gap_to_leader_ms: int | None
    class_gap_to_leader_laps: int
    class_interval_ms: int | None
    class_interval_laps: int


@dataclass(frozen=True, slots=True)
class FastestLap:
    entry_id: int
    number: str
    class_code: str
    lap_number: int
    lap_time_ms: int
    driver_name: str


@dataclass(frozen=True, slots=True)
class Classification:
    """A session's rows in overall order, with the fastest laps."""

    kind: str
    rows: tuple[ClassifiedRow, ...]
    classes: tuple[CarClassInfo, ...]  # in display order, only those with rows
    fastest_lap: FastestLap | None = None
    fastest_lap_by_class: dict[str, FastestLap] = field(default_factory=dict)

    def rows_of_class(self, class_code: str) -> tuple[ClassifiedRow, ...]:
        """The class's rows in class order."""
        rows = [row for row in self.rows if row.class_code == class_code]
        positioned = sorted((row for row in rows if row.class_position is not None), key=lambda row: row.class_position)
        return (*positioned, *(row for row in rows if row.class_position is None))


@dataclass(frozen=True, slots=True)
class GridRow:
    grid_position: int  # through all classes, in class display order
    class_grid_position: int
    row: ClassifiedRow  # the qualifying (or Hyperpole) row that put the car there
    from_hyperpole: bool
    grid_penalty_places: int


def classify_qualifying(
    *,
    kind: str,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    laps: list[LapInput],
    rules: Rules = Rules(),
    overrides: list[StatusOverride] = (),
) -> Classification:
    """Practice, qualifying, Hyperpole and warm-up: rank by best valid lap.

    Equal times: the smaller ``elapsed_ms`` of the lap(s) that made the time (for an
    average, of the later of its two laps); when either car's is unknown, the smaller
    lap number; then the car number. Rows an override leaves unpositioned follow the
    positioned ones, grouped as in a race (not_classified, retired, disqualified,
    did_not_start), each group in the order the times would have given them.
    """
    average = rules.qualifying_rule == AVERAGE_TWO_DRIVERS
    infos = _class_table(classes, entries)
    entries = _unique_entries(entries)
    by_entry = _collect_laps(entries, laps, per_driver=average)
    cars = [_qualifying_car(entry, by_entry[entry.entry_id], infos, average) for entry in entries]
    _apply_overrides(cars, overrides)
    # A total order first, so that the comparator's pairwise tie-break (which is not
    # transitive when some elapsed times are missing) always sees the same input.
    cars.sort(key=lambda car: (car.group, car.value, car.number_key, car.entry.entry_id))
    cars.sort(key=functools.cmp_to_key(_compare_qualifying))
    return _assemble(kind, cars, infos, _qualifying_gap)


def classify_race(
    *,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    laps: list[LapInput],
    penalties: list[PenaltyInput] = (),
    rules: Rules = Rules(),
    overrides: list[StatusOverride] = (),
) -> Classification:
    """Race: laps, then the crossing of the line at the finish.

    Drive-through penalties are served during the race and change nothing here. The
    threshold's winner is the car with the most laps among those classified before the
    threshold is applied, so a disqualified or retired leader is not the reference.
    Cars with no laps have no ``total_time_ms``.
    """
    infos = _class_table(classes, entries)
    entries = _unique_entries(entries)
    by_entry = _collect_laps(entries, laps, per_driver=False)
    penalty_ms: dict[int, int] = {}
    disqualified: set[int] = set()
    for penalty in penalties:
        if penalty.kind == PENALTY_TIME:
            penalty_ms[penalty.entry_id] = penalty_ms.get(penalty.entry_id, 0) + (penalty.time_ms or 0)
        elif penalty.kind == PENALTY_DISQUALIFICATION:
            disqualified.add(penalty.entry_id)

    cars: list[_Car] = []
    for entry in entries:
        car_laps = by_entry[entry.entry_id]
        penalty_time = penalty_ms.get(entry.entry_id, 0)
        crossing = _last_crossing(car_laps)
        cars.append(
            _Car(
                entry=entry,
                laps=car_laps,
                status=CLASSIFIED,
                number_key=number_sort_key(entry.number),
                crossing_ms=crossing,
                total_time_ms=None if crossing is None else crossing + penalty_time,
                penalty_time_ms=penalty_time,
            )
        )

    # The chequered flag: the first car on the maximum lap count crosses the line.
    max_laps = max((car.laps.count for car in cars), default=0)
    flag_ms = min((car.crossing_ms for car in cars if max_laps and car.laps.count == max_laps), default=None)
    for car in cars:
        if car.laps.count == 0:
            car.status = DID_NOT_START
        elif flag_ms is not None and car.crossing_ms < flag_ms:
            car.status = RETIRED
        if car.entry.entry_id in disqualified:
            car.status = DISQUALIFIED
    _apply_overrides(cars, overrides)
    _apply_threshold(cars, rules)

    cars.sort(key=_race_key)
    return _assemble(RACE, cars, infos, _race_gap)


def classify(
    *,
    kind: str,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    laps: list[LapInput],
    penalties: list[PenaltyInput] = (),
    rules: Rules = Rules(),
    overrides: list[StatusOverride] = (),
) -> Classification:
    """Dispatch on the session kind."""
    if kind == RACE:
        return classify_race(
            classes=classes, entries=entries, laps=laps, penalties=penalties, rules=rules, overrides=overrides
        )
    return classify_qualifying(kind=kind, classes=classes, entries=entries, laps=laps, rules=rules, overrides=overrides)


def starting_grid(
    *,
    qualifying: Classification,
    hyperpole: Classification | None = None,
    grid_penalties: list[PenaltyInput] = (),
) -> list[GridRow]:
    """The starting grid, grouped by class in class display order.

    Within a class: the cars Hyperpole ranked with a time (in Hyperpole order), then the
    class's other cars in qualifying order, then the cars qualifying left without a
    position (disqualified ...), in qualifying order; a car unpositioned in qualifying
    goes there even if Hyperpole ranked it. Grid penalties (the places of all of a car's
    ``grid_places`` penalties added up) are then applied one car at a time, from the
    front of the pre-penalty grid backwards: each penalised car moves back that many
    places from wherever it is at that moment, but never beyond the last place of its
    class. ``grid_penalty_places`` is the penalty as imposed (before that clamping).
    """
    infos: dict[str, CarClassInfo] = {info.code: info for info in qualifying.classes}
    if hyperpole is not None:
        for info in hyperpole.classes:
            infos.setdefault(info.code, info)
    places: dict[int, int] = {}
    for penalty in grid_penalties:
        if penalty.kind == PENALTY_GRID_PLACES and penalty.grid_places and penalty.grid_places > 0:
            places[penalty.entry_id] = places.get(penalty.entry_id, 0) + penalty.grid_places

    grid: list[GridRow] = []
    for info in sorted(infos.values(), key=_class_key):
        class_grid = _class_grid(info.code, qualifying, hyperpole)
        for row, _ in list(class_grid):  # the pre-penalty order, front first
            moved = places.get(row.entry_id, 0)
            if not moved:
                continue
            index = next(i for i, (placed, _) in enumerate(class_grid) if placed.entry_id == row.entry_id)
            item = class_grid.pop(index)
            class_grid.insert(min(index + moved, len(class_grid)), item)
        for class_position, (row, from_hyperpole) in enumerate(class_grid, start=1):
            grid.append(
                GridRow(
                    grid_position=len(grid) + 1,
                    class_grid_position=class_position,
                    row=row,
                    from_hyperpole=from_hyperpole,
                    grid_penalty_places=places.get(row.entry_id, 0),
                )
            )
    return grid


# --- Inside the engine ---------------------------------------------------------------------

# Classes that the season does not know sort after every known class.
_UNKNOWN_CLASS_ORDER = 1_000_000

_Gap = tuple[int | None, int]  # (ms, laps)
_GapFunction = Callable[["_Car", "_Car"], _Gap]


def _cmp(a: Any, b: Any) -> int:
    """-1, 0 or 1, like the comparators ``functools.cmp_to_key`` wants."""
    return (a > b) - (a < b)


def number_sort_key(number: str) -> tuple[int, int, int, str]:
    """Car numbers in numeric order ("7" before "007" before "8"), other text after."""
    if number.isascii() and number.isdigit():
        return (0, int(number), len(number), number)
    return (1, 0, 0, number)


def _class_key(info: CarClassInfo) -> tuple[int, str]:
    return (info.display_order, info.code)


def _class_table(classes: Iterable[CarClassInfo], entries: Iterable[EntryInput]) -> dict[str, CarClassInfo]:
    """Every class code of the entries, those without a CarClassInfo made up to sort last."""
    table: dict[str, CarClassInfo] = {}
    for info in classes:
        table.setdefault(info.code, info)
    unknown_order = max(_UNKNOWN_CLASS_ORDER, max((info.display_order for info in table.values()), default=0) + 1)
    for entry in entries:
        if entry.class_code not in table:
            code = entry.class_code
            table[code] = CarClassInfo(code=code, name=code, display_order=unknown_order)
    return table


def _unique_entries(entries: Iterable[EntryInput]) -> list[EntryInput]:
    seen: dict[int, EntryInput] = {}
    for entry in entries:
        seen.setdefault(entry.entry_id, entry)
    return list(seen.values())


def _lap_order(lap: LapInput) -> tuple[object, ...]:
    """A total order of one car's laps, used only to break exact ties deterministically."""
    return (
        lap.lap_number,
        lap.elapsed_ms is None,
        lap.elapsed_ms or 0,
        lap.lap_time_ms,
        lap.is_time_deleted,
        lap.driver_id is None,
        lap.driver_id or 0,
        lap.driver_name,
        lap.crossed_line_in_pit,
    )


def _faster(lap: LapInput, best: LapInput | None) -> bool:
    """Whether ``lap`` beats ``best`` as a car's (or driver's) best: faster, or as fast and earlier."""
    if best is None or lap.lap_time_ms < best.lap_time_ms:
        return True
    return lap.lap_time_ms == best.lap_time_ms and _lap_order(lap) < _lap_order(best)


class _CarLaps:
    """What one pass over the laps learns about one car."""

    __slots__ = ("count", "time_sum_ms", "last", "best", "driver_best")

    def __init__(self) -> None:
        self.count = 0
        self.time_sum_ms = 0
        self.last: LapInput | None = None  # highest lap number
        self.best: LapInput | None = None  # fastest lap whose time is not deleted
        self.driver_best: dict[int, LapInput] = {}  # per driver_id, only when asked for


def _collect_laps(entries: list[EntryInput], laps: Iterable[LapInput], *, per_driver: bool) -> dict[int, _CarLaps]:
    """One pass over all laps; laps of unknown entries are ignored."""
    cars = {entry.entry_id: _CarLaps() for entry in entries}
    get = cars.get
    for lap in laps:
        car = get(lap.entry_id)
        if car is None:
            continue
        car.count += 1
        car.time_sum_ms += lap.lap_time_ms
        last = car.last
        if (
            last is None
            or lap.lap_number > last.lap_number
            or (lap.lap_number == last.lap_number and _lap_order(lap) > _lap_order(last))
        ):
            car.last = lap
        if lap.is_time_deleted:
            continue
        best = car.best
        if best is None or (lap.lap_time_ms <= best.lap_time_ms and _faster(lap, best)):
            car.best = lap
        if per_driver and lap.driver_id is not None:
            driver_best = car.driver_best.get(lap.driver_id)
            if driver_best is None or (lap.lap_time_ms <= driver_best.lap_time_ms and _faster(lap, driver_best)):
                car.driver_best[lap.driver_id] = lap
    return cars


def _last_crossing(car_laps: _CarLaps) -> int | None:
    """Elapsed time at the end of the car's last lap, or the sum of its lap times if unknown."""
    if car_laps.last is None:
        return None
    if car_laps.last.elapsed_ms is not None:
        return car_laps.last.elapsed_ms
    return car_laps.time_sum_ms


@dataclass(slots=True)
class _Car:
    """One car while it is being classified."""

    entry: EntryInput
    laps: _CarLaps
    status: str
    number_key: tuple[int, int, int, str]
    reason: str = ""
    overridden: bool = False
    # Qualifying: the group (0 timed / two drivers, 1 one driver, 2 no time), the value
    # ordered on within it, the time shown, and the tie-break of who set it first.
    group: int = 0
    value: object = 0
    qualifying_time_ms: int | None = None
    tie_elapsed_ms: int | None = None
    tie_lap_number: int = 0
    # Race.
    crossing_ms: int | None = None
    total_time_ms: int | None = None
    penalty_time_ms: int = 0


def _qualifying_car(entry: EntryInput, car_laps: _CarLaps, infos: dict[str, CarClassInfo], average: bool) -> _Car:
    if average:
        used = sorted(car_laps.driver_best.values(), key=lambda lap: (lap.lap_time_ms, _lap_order(lap)))[:2]
    else:
        used = [car_laps.best] if car_laps.best is not None else []
    car = _Car(entry=entry, laps=car_laps, status=CLASSIFIED, number_key=number_sort_key(entry.number))
    if not used:
        car.status = NO_TIME
        car.group = 2
        car.value = _class_key(infos[entry.class_code])
        return car
    times = [lap.lap_time_ms for lap in used]
    if len(used) == 2:
        car.value = times[0] + times[1]  # order on the exact sum ...
        car.qualifying_time_ms = (times[0] + times[1] + 1) // 2  # ... show the average, rounded half up
    else:
        car.group = 1 if average else 0
        car.value = car.qualifying_time_ms = times[0]
    elapsed = [lap.elapsed_ms for lap in used if lap.elapsed_ms is not None]
    car.tie_elapsed_ms = max(elapsed) if len(elapsed) == len(used) else None  # when the last lap used was done
    car.tie_lap_number = max(lap.lap_number for lap in used)
    return car


def _compare_qualifying(a: _Car, b: _Car) -> int:
    """Group, time; on a tie whoever set it first (elapsed, else lap number); then number."""
    result = _cmp((a.group, a.value), (b.group, b.value))
    if result:
        return result
    if a.tie_elapsed_ms is not None and b.tie_elapsed_ms is not None:
        result = _cmp(a.tie_elapsed_ms, b.tie_elapsed_ms)
        if result:
            return result
    return _cmp(
        (a.tie_lap_number, a.number_key, a.entry.entry_id),
        (b.tie_lap_number, b.number_key, b.entry.entry_id),
    )


def _qualifying_gap(car: _Car, ahead: _Car) -> _Gap:
    """Gap in ms between two comparable times (not across the two-driver / one-driver groups)."""
    if (
        car.qualifying_time_ms is None
        or ahead.qualifying_time_ms is None
        or car.status == NO_TIME
        or ahead.status == NO_TIME
        or car.group != ahead.group
    ):
        return None, 0
    return car.qualifying_time_ms - ahead.qualifying_time_ms, 0


def _race_key(car: _Car) -> tuple[object, ...]:
    total = car.total_time_ms
    return (-car.laps.count, total is None, total or 0, car.number_key, car.entry.entry_id)


def _race_gap(car: _Car, ahead: _Car) -> _Gap:
    """Gap in time on the same lap, in laps otherwise."""
    if car.laps.count != ahead.laps.count:
        return None, ahead.laps.count - car.laps.count
    if car.total_time_ms is None or ahead.total_time_ms is None:
        return None, 0
    return car.total_time_ms - ahead.total_time_ms, 0


def _apply_overrides(cars: list[_Car], overrides: Iterable[StatusOverride]) -> None:
    by_entry = {override.entry_id: override for override in overrides}  # the last one wins
    for car in cars:
        override = by_entry.get(car.entry.entry_id)
        if override is not None:
            car.status = override.status
            car.reason = override.reason
            car.overridden = True


def _apply_threshold(cars: list[_Car], rules: Rules) -> None:
    """Cars that took the flag with too few laps are not classified.

    The reference is the winner: the most laps among the cars that are ``classified``
    at this point (took the flag, not disqualified, or classified by an editor), overall
    or in the car's class. Cars whose status an editor decided are left alone.
    """
    reference: dict[str, int] = {}
    for car in cars:
        if car.status == CLASSIFIED:
            key = car.entry.class_code if rules.threshold_of_class_winner else ""
            reference[key] = max(reference.get(key, 0), car.laps.count)
    for car in cars:
        if car.status != CLASSIFIED or car.overridden:
            continue
        winner_laps = reference[car.entry.class_code if rules.threshold_of_class_winner else ""]
        if car.laps.count * 100 < rules.threshold_percent * winner_laps:
            car.status = NOT_CLASSIFIED


def _row(
    car: _Car,
    kind: str,
    overall_position: int | None,
    class_position: int | None,
    gaps: tuple[_Gap, _Gap, _Gap, _Gap],
) -> ClassifiedRow:
    """``gaps``: to the leader, to the car ahead, to the class leader, to the car ahead in the class."""
    entry, best = car.entry, car.laps.best
    (gap_ms, gap_laps), (interval_ms, interval_laps), (class_gap_ms, class_gap_laps), class_interval = gaps
    class_interval_ms, class_interval_laps = class_interval
    return ClassifiedRow(
        entry_id=entry.entry_id,
        number=entry.number,
        class_code=entry.class_code,
        group=entry.group,
        team=entry.team,
        car=entry.car,
        drivers=entry.drivers,
        status=car.status,
        status_reason=car.reason,
        overall_position=overall_position,
        class_position=class_position,
        laps=car.laps.count,
        best_lap_ms=best.lap_time_ms if best else None,
        best_lap_number=best.lap_number if best else None,
        best_lap_driver=best.driver_name if best else "",
        qualifying_time_ms=None if kind == RACE else car.qualifying_time_ms,
        total_time_ms=car.total_time_ms,
        penalty_time_ms=car.penalty_time_ms,
        gap_to_leader_ms=gap_ms,
        gap_to_leader_laps=gap_laps,
        interval_ms=interval_ms,
        interval_laps=interval_laps,
        class_gap_to_leader_ms=class_gap_ms,
        class_gap_to_leader_laps=class_gap_laps,
        class_interval_ms=class_interval_ms,
        class_interval_laps=class_interval_laps,
    )


def _assemble(kind: str, cars: list[_Car], infos: dict[str, CarClassInfo], gap: _GapFunction) -> Classification:
    """Positions and gaps from cars in their computed order; unpositioned cars go last."""
    positioned = [car for car in cars if car.status not in UNPOSITIONED_STATUSES]
    unpositioned = sorted(
        (car for car in cars if car.status in UNPOSITIONED_STATUSES),
        key=lambda car: UNPOSITIONED_STATUSES.index(car.status),  # stable: keeps the computed order
    )
    no_gap: _Gap = (None, 0)
    rows: list[ClassifiedRow] = []
    class_leader: dict[str, _Car] = {}
    class_ahead: dict[str, _Car] = {}
    class_count: dict[str, int] = {}
    ahead: _Car | None = None
    for position, car in enumerate(positioned, start=1):
        code = car.entry.class_code
        leader_of_class = class_leader.setdefault(code, car)
        ahead_in_class = class_ahead.get(code)
        gaps = (
            gap(car, positioned[0]),
            gap(car, ahead) if ahead is not None else no_gap,
            gap(car, leader_of_class),
            gap(car, ahead_in_class) if ahead_in_class is not None else no_gap,
        )
        class_count[code] = class_position = class_count.get(code, 0) + 1
        rows.append(_row(car, kind, position, class_position, gaps))
        class_ahead[code] = car
        ahead = car
    for car in unpositioned:
        rows.append(_row(car, kind, None, None, (no_gap,) * 4))

    fastest_lap, fastest_by_class = _fastest_laps(cars)
    codes = {row.class_code for row in rows}
    return Classification(
        kind=kind,
        rows=tuple(rows),
        classes=tuple(sorted((infos[code] for code in codes), key=_class_key)),
        fastest_lap=fastest_lap,
        fastest_lap_by_class=fastest_by_class,
    )


def _compare_fastest(a: LapInput, b: LapInput, numbers: dict[int, tuple[int, int, int, str]]) -> int:
    """Faster first; on equal times the lap set first (elapsed, else lap number), then number."""
    result = _cmp(a.lap_time_ms, b.lap_time_ms)
    if result:
        return result
    if a.elapsed_ms is not None and b.elapsed_ms is not None:
        result = _cmp(a.elapsed_ms, b.elapsed_ms)
        if result:
            return result
    return _cmp(
        (a.lap_number, numbers[a.entry_id], a.entry_id, _lap_order(a)),
        (b.lap_number, numbers[b.entry_id], b.entry_id, _lap_order(b)),
    )


def _fastest_laps(cars: list[_Car]) -> tuple[FastestLap | None, dict[str, FastestLap]]:
    """The fastest valid lap of the session and of each class (from each car's best)."""
    entries = {car.entry.entry_id: car.entry for car in cars}
    numbers = {car.entry.entry_id: car.number_key for car in cars}
    bests = [car.laps.best for car in cars if car.laps.best is not None]
    bests.sort(key=lambda lap: (lap.lap_time_ms, lap.lap_number, numbers[lap.entry_id], lap.entry_id))
    bests.sort(key=functools.cmp_to_key(lambda a, b: _compare_fastest(a, b, numbers)))
    by_class: dict[str, FastestLap] = {}
    for lap in bests:
        entry = entries[lap.entry_id]
        if entry.class_code not in by_class:
            by_class[entry.class_code] = FastestLap(
                entry_id=entry.entry_id,
                number=entry.number,
                class_code=entry.class_code,
                lap_number=lap.lap_number,
                lap_time_ms=lap.lap_time_ms,
                driver_name=lap.driver_name,
            )
    overall = by_class[entries[bests[0].entry_id].class_code] if bests else None
    return overall, by_class


def _class_grid(
    class_code: str, qualifying: Classification, hyperpole: Classification | None
) -> list[tuple[ClassifiedRow, bool]]:
    """One class's grid before penalties: (the row that placed the car, from Hyperpole)."""
    qualifying_rows = qualifying.rows_of_class(class_code)
    at_back = {row.entry_id for row in qualifying_rows if row.status in UNPOSITIONED_STATUSES}
    grid: list[tuple[ClassifiedRow, bool]] = []
    if hyperpole is not None:
        grid.extend(
            (row, True)
            for row in hyperpole.rows_of_class(class_code)
            if row.status != NO_TIME and row.status not in UNPOSITIONED_STATUSES and row.entry_id not in at_back
        )
    placed = {row.entry_id for row, _ in grid}
    grid.extend((row, False) for row in qualifying_rows if row.entry_id not in placed and row.entry_id not in at_back)
    grid.extend((row, False) for row in qualifying_rows if row.entry_id in at_back)
    return grid


@dataclass(frozen=True, slots=True)
class OfficialRowInput:
    """A row of an official classification (sessions we have no laps for)."""

    entry_id: int
    position: int | None
    status: str
    laps: int
    total_time_ms: int | None
    fastest_lap_number: int | None = None
    fastest_lap_ms: int | None = None


def classify_official(
    *, kind: str, classes: list[CarClassInfo], entries: list[EntryInput], rows: list[OfficialRowInput]
) -> Classification:
    """Rows as an official classification gives them, in its order, as classified rows.

    Only ``classified`` rows keep a position (renumbered 1..n in the file's order, per
    class too); gaps and intervals follow the race rules from laps and total times.
    """
    infos = _class_table(classes, entries)
    entry_by_id = {entry.entry_id: entry for entry in _unique_entries(entries)}
    cars: list[_Car] = []
    for row in rows:
        entry = entry_by_id.get(row.entry_id)
        if entry is None:
            continue
        laps = _CarLaps()
        laps.count = row.laps
        if row.fastest_lap_ms is not None:
            laps.best = LapInput(
                entry_id=row.entry_id, lap_number=row.fastest_lap_number or 0, lap_time_ms=row.fastest_lap_ms
            )
        cars.append(
            _Car(
                entry=entry,
                laps=laps,
                status=row.status,
                number_key=number_sort_key(entry.number),
                total_time_ms=row.total_time_ms,
            )
        )
    return _assemble(kind, cars, infos, _race_gap)
