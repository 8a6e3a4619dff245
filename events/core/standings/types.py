"""What goes into the standings engine and what comes out: plain frozen dataclasses.

Points are :class:`fractions.Fraction` so that half points (12.5) and quarter points
(a 0.5 beyond-10th point halved) add up exactly; :func:`points_display` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# Who entered a car. Works and private cars score where a title lets them; guests
# (additional, non-season entries) never score and are invisible: the eligible cars
# behind them move up a place.
ENTRANT_KINDS = ("works", "private", "guest")
# Race lengths with their own points scale: standard (4-6 h), long (8 h, 10 h, 1000 mi,
# 1812 km ...), le-mans (the 24 hours).
SCALES = ("standard", "long", "le-mans")
# How much of the race points a round gives: half when the race was stopped before 75 %
# of its time, none when the leader did fewer than two laps.
SHARES = ("full", "half", "none")
TITLE_KINDS = ("drivers", "teams", "manufacturers")


@dataclass(frozen=True, slots=True)
class Scale:
    """Points for class positions 1..len(points) among eligible cars, then ``beyond`` for every other classified car."""

    points: tuple[int, ...]
    beyond: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class TitleRule:
    """One championship, cup or trophy: which classes score, for whom, and who is ranked."""

    key: str  # slug, unique in the rule set, e.g. "hypercar-drivers"
    name: str  # e.g. "FIA World Endurance Drivers' Championship (Hypercar)"
    # Classes whose cars score; each class is scored on its own (a car's rank is among
    # the eligible cars of its class).
    class_codes: tuple[str, ...]
    kind: str  # TITLE_KINDS
    # Which entrant kinds score and are ranked; the others are invisible. Guests never score.
    entrants: tuple[str, ...] = ("works", "private")
    # Manufacturers: the best N eligible cars of a manufacturer (per class) count per round; None: all.
    best_cars: int | None = None


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The scoring rules of an era: scales, the pole point and the titles."""

    key: str  # e.g. "wec-2024"
    name: str
    first_year: int
    last_year: int | None  # None: still in force
    scales: dict[str, Scale]  # keys: SCALES
    pole_points: int  # to the pole car's drivers, team and manufacturer (if eligible for that title)
    titles: tuple[TitleRule, ...]
    source: str = ""  # where the numbers come from (the data file cites sources per field too)


@dataclass(frozen=True, slots=True)
class DriverRef:
    key: str  # stable id, e.g. "12" (database id as text)
    name: str


@dataclass(frozen=True, slots=True)
class CarResult:
    """One car in one round, as the round's race was classified."""

    number: str  # "7" and "007" differ
    class_code: str
    # The car's class position in the race as classified (guests included); None when it has none.
    class_position: int | None
    status: str  # ResultStatus: "classified", "not_classified", "retired", "disqualified", ...
    entrant: str  # ENTRANT_KINDS
    team: str
    manufacturer: str
    drivers: tuple[DriverRef, ...]  # those who drove it in this round
    pole: bool = False  # pole position of its class for this round


@dataclass(frozen=True, slots=True)
class RoundInput:
    key: str  # round slug
    name: str
    scale: str  # SCALES
    share: str = "full"  # SHARES
    cars: tuple[CarResult, ...] = ()
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class RoundCell:
    """What one row did in one round."""

    round: str  # round key
    points: Fraction  # what this row scored in the round (race + pole)
    position: int | None  # class position as raced (manufacturers: of its best counted car)
    status: str  # the car's status (manufacturers: the best car's)
    pole: bool
    eligible_rank: int | None  # the rank it scored with (None: unplaced)


@dataclass(frozen=True, slots=True)
class StandingsRow:
    position: int
    shared: bool  # tied with another row after countback (the same position is shown)
    key: str  # driver key, "team|number" for teams, manufacturer name
    name: str  # driver name, "#12 Hertz Team Jota" for teams, manufacturer
    car_numbers: tuple[str, ...]  # the numbers it took part with, in order of first appearance
    points: Fraction
    wins: int
    rounds: tuple[RoundCell | None, ...]  # one per round counted, in order; None: did not take part


@dataclass(frozen=True, slots=True)
class StandingsTable:
    key: str
    title: str
    class_codes: tuple[str, ...]
    kind: str
    rows: tuple[StandingsRow, ...]
    provisional: bool = False  # some counted round is still provisional
