"""What goes into the engine and what comes out: plain frozen dataclasses, times in ms.

:class:`ClassifiedRow` is the single product of the engine: the HTML tables, the
embeds, the JSON and the CSV all render it, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import QualifyingRule


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
class LapTotals:
    """A car's number of laps and the sum of their times: with these, the engine needs only
    the laps that decide (see ``classify``), not all of them."""

    count: int
    time_sum_ms: int


@dataclass(frozen=True, slots=True)
class PenaltyInput:
    entry_id: int
    kind: str  # PenaltyKind.TIME, .DRIVE_THROUGH, .GRID_PLACES, .DISQUALIFICATION, .LAPS
    time_ms: int | None = None
    grid_places: int | None = None
    laps: int | None = None  # laps deducted: classified with that many fewer laps


@dataclass(frozen=True, slots=True)
class StatusOverride:
    """An editor's decision that replaces the computed status of a car."""

    entry_id: int
    status: str  # one of STATUSES
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Rules:
    qualifying_rule: str = QualifyingRule.BEST_LAP
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


DEFAULT_RULES = Rules()  # best lap, 70% of the overall winner's laps
