"""The standings engine: rounds of classified cars in, one table per title out.

For each title and round, each class of the title is scored on its own. The eligible
cars of a class are those whose entrant kind the title lets score (guests never): the
others are invisible, so a guest ahead of an eligible car does not cost it a rank.
The classified eligible cars are ranked by class position; rank r scores the round's
scale ``points[r - 1]``, and ``beyond`` past the end of the list. Cars not classified
(retired, not classified, disqualified, did not start) score no race points but take
part. A half-points round halves the race points (exactly, as a Fraction); a no-points
round gives none. The pole car of each class, if eligible, adds ``pole_points``: not
halved, and not given in a no-points round.

- drivers: every driver of an eligible car gets the car's points; a driver who drove no
  eligible car in a round has None for it.
- teams: one row per team and car number.
- manufacturers: per round and class, the best ``best_cars`` eligible cars of the
  manufacturer (by rank) add their race points, and the pole point counts once per class.

Order: points, then countback (more first places, then more seconds ...: for
manufacturers, the places of every counted car), then, still equal, the same position
for each (``shared``), the next position skipping (1, 2=, 2=, 4); names order the ties.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from ..numbers import number_sort_key
from .rule_sets import rule_set_for_year, rule_set_from_mapping
from .types import (
    ENTRANT_KINDS,
    CarResult,
    RoundCell,
    RoundInput,
    RuleSet,
    StandingsRow,
    StandingsTable,
    TitleRule,
)

__all__ = ["points_display", "rule_set_for_year", "rule_set_from_mapping", "standings_compute"]

CLASSIFIED = "classified"  # ResultStatus.CLASSIFIED (events.core.vocab)
SHARE_FACTORS = {"full": Fraction(1), "half": Fraction(1, 2), "none": Fraction(0)}


@dataclass(frozen=True, slots=True)
class _Scored:
    """An eligible car with what it scored for one title in one round."""

    car: CarResult
    class_index: int  # the index of its class in the title's class_codes
    rank: int | None  # among the eligible classified cars of its class; None: unplaced
    race_points: Fraction
    pole_points: int

    def order(self) -> tuple:
        """Best first: placed by rank, then the unplaced by class position and number."""
        position = self.car.class_position
        return (
            self.rank is None,
            self.rank or 0,
            position is None,
            position or 0,
            self.class_index,
            number_sort_key(self.car.number),
        )


@dataclass(slots=True)
class _Tally:
    """A row being built: its cells and its places per round."""

    key: str
    name: str
    car_numbers: list[str] = field(default_factory=list)
    cells: dict[str, RoundCell] = field(default_factory=dict)
    places: dict[str, tuple[int, ...]] = field(default_factory=dict)  # the ranks each round counts for countback

    def record(self, cell: RoundCell, places: tuple[int, ...], numbers: Iterable[str]) -> None:
        """The row's cell for a round; a second car in the same round replaces it only when it scored more."""
        previous = self.cells.get(cell.round)
        if previous is None or cell.points > previous.points:
            self.cells[cell.round] = cell
            self.places[cell.round] = places
        for number in numbers:
            if number not in self.car_numbers:
                self.car_numbers.append(number)

    @property
    def points(self) -> Fraction:
        return sum((cell.points for cell in self.cells.values()), Fraction(0))


def standings_compute(
    rule_set: RuleSet, rounds: Sequence[RoundInput], *, after: str | None = None
) -> tuple[StandingsTable, ...]:
    """The standings of each title of ``rule_set`` after the given rounds (up to and including ``after``).

    A title none of whose classes had a car in the counted rounds is left out; a title
    whose classes took part is kept, even with no row (no eligible car).
    """
    counted = _counted_rounds(rule_set, rounds, after)
    provisional = any(round_input.provisional for round_input in counted)
    tables = []
    for title in rule_set.titles:
        if not any(car.class_code in title.class_codes for round_input in counted for car in round_input.cars):
            continue
        tallies: dict[str, _Tally] = {}
        for round_input in counted:
            scored = _scored_cars(rule_set, title, round_input)
            if title.kind == "manufacturers":
                _add_manufacturers(tallies, title, round_input, scored)
            else:
                _add_cars(tallies, title, round_input, scored)
        rows = _ranked(tallies.values(), counted)
        tables.append(
            StandingsTable(
                key=title.key,
                title=title.name,
                class_codes=title.class_codes,
                kind=title.kind,
                rows=rows,
                provisional=provisional,
            )
        )
    return tuple(tables)


def points_display(points: Fraction) -> str:
    """Points as people write them: "25", "12.5", "0.5", "0.25" (exact when the decimal ends, else 3 places)."""
    points = Fraction(points)
    sign = "-" if points < 0 else ""
    points = abs(points)
    if points.denominator == 1:
        return f"{sign}{points.numerator}"
    for places in range(1, 13):
        scaled = points * 10**places
        if scaled.denominator == 1:
            digits = str(scaled.numerator).rjust(places + 1, "0")
            return f"{sign}{digits[:-places]}.{digits[-places:]}"
    return sign + f"{float(points):.3f}".rstrip("0").rstrip(".")


def _counted_rounds(rule_set: RuleSet, rounds: Sequence[RoundInput], after: str | None) -> tuple[RoundInput, ...]:
    rounds = tuple(rounds)
    keys = [round_input.key for round_input in rounds]
    doubled = sorted({key for key in keys if keys.count(key) > 1})
    if doubled:
        raise ValueError(f"round key {', '.join(doubled)} given more than once")
    if after is not None:
        if after not in keys:
            raise ValueError(f"after: no round {after!r} among the rounds given ({', '.join(keys)})")
        rounds = rounds[: keys.index(after) + 1]
    for round_input in rounds:
        if round_input.scale not in rule_set.scales:
            raise ValueError(
                f"round {round_input.key}: scale {round_input.scale!r} is not one of {', '.join(rule_set.scales)}"
            )
        if round_input.share not in SHARE_FACTORS:
            raise ValueError(
                f"round {round_input.key}: share {round_input.share!r} is not one of {', '.join(SHARE_FACTORS)}"
            )
        for car in round_input.cars:
            if car.entrant not in ENTRANT_KINDS:
                raise ValueError(
                    f"round {round_input.key}: car #{car.number}: entrant {car.entrant!r} "
                    f"is not one of {', '.join(ENTRANT_KINDS)}"
                )
    return rounds


def _scored_cars(rule_set: RuleSet, title: TitleRule, round_input: RoundInput) -> list[_Scored]:
    """The title's eligible cars in this round, each with its rank in its class and its points."""
    scale = rule_set.scales[round_input.scale]
    factor = SHARE_FACTORS[round_input.share]
    pole_points = rule_set.pole_points if round_input.share != "none" else 0
    scored = []
    for class_index, class_code in enumerate(title.class_codes):
        eligible = [
            car
            for car in round_input.cars
            if car.class_code == class_code and car.entrant in title.entrants and car.entrant != "guest"
        ]
        placed = sorted(
            (car for car in eligible if car.status == CLASSIFIED and car.class_position is not None),
            key=lambda car: (car.class_position, number_sort_key(car.number)),
        )
        ranks = {id(car): rank for rank, car in enumerate(placed, start=1)}
        for car in eligible:
            rank = ranks.get(id(car))
            if rank is None:
                race_points = Fraction(0)
            elif rank <= len(scale.points):
                race_points = scale.points[rank - 1] * factor
            else:
                race_points = scale.beyond * factor
            scored.append(_Scored(car, class_index, rank, race_points, pole_points if car.pole else 0))
    return scored


def _add_cars(tallies: dict[str, _Tally], title: TitleRule, round_input: RoundInput, scored: list[_Scored]) -> None:
    """Drivers: a row per driver of each eligible car. Teams: a row per team and car number."""
    for item in scored:
        car = item.car
        cell = RoundCell(
            round=round_input.key,
            points=item.race_points + item.pole_points,
            position=car.class_position,
            status=car.status,
            pole=car.pole,
            eligible_rank=item.rank,
        )
        places = (item.rank,) if item.rank is not None else ()
        if title.kind == "teams":
            rows = [(f"{car.team}|{car.number}", f"#{car.number} {car.team}")]
        else:
            rows = list({driver.key: (driver.key, driver.name) for driver in car.drivers}.values())
        for key, name in rows:
            tallies.setdefault(key, _Tally(key=key, name=name)).record(cell, places, [car.number])


def _add_manufacturers(
    tallies: dict[str, _Tally], title: TitleRule, round_input: RoundInput, scored: list[_Scored]
) -> None:
    """Per manufacturer and class the best ``best_cars`` cars count; the pole point once per class."""
    by_manufacturer: dict[str, dict[int, list[_Scored]]] = {}
    for item in scored:
        if not item.car.manufacturer.strip():  # not entered: the car keeps its rank, no one scores its points
            continue
        by_manufacturer.setdefault(item.car.manufacturer, {}).setdefault(item.class_index, []).append(item)
    for manufacturer, classes in by_manufacturer.items():
        counted: list[_Scored] = []
        points = Fraction(0)
        pole = False
        for cars in classes.values():
            best = sorted(cars, key=_Scored.order)[: title.best_cars]
            counted.extend(best)
            points += sum((item.race_points for item in best), Fraction(0))
            pole_car = next((item for item in cars if item.car.pole), None)
            if pole_car is not None:
                pole = True
                points += pole_car.pole_points
        counted.sort(key=_Scored.order)
        best_car = counted[0]
        cell = RoundCell(
            round=round_input.key,
            points=points,
            position=best_car.car.class_position,
            status=best_car.car.status,
            pole=pole,
            eligible_rank=best_car.rank,
        )
        places = tuple(item.rank for item in counted if item.rank is not None)
        tally = tallies.setdefault(manufacturer, _Tally(key=manufacturer, name=manufacturer))
        tally.record(cell, places, [item.car.number for item in counted])


def _ranked(tallies: Iterable[_Tally], counted: tuple[RoundInput, ...]) -> tuple[StandingsRow, ...]:
    tallies = list(tallies)
    deepest = max((place for tally in tallies for places in tally.places.values() for place in places), default=0)

    def countback(tally: _Tally) -> tuple[int, ...]:
        counts = [0] * deepest
        for places in tally.places.values():
            for place in places:
                counts[place - 1] += 1
        return tuple(counts)

    measured = [(tally, tally.points, countback(tally)) for tally in tallies]
    measured.sort(key=lambda item: (-item[1], [-count for count in item[2]], item[0].name.casefold(), item[0].key))
    positions: list[int] = []
    for index, (_, points, places) in enumerate(measured):
        tied = index > 0 and (points, places) == measured[index - 1][1:]
        positions.append(positions[-1] if tied else index + 1)
    sharing = Counter(positions)
    rows = []
    for position, (tally, points, _) in zip(positions, measured, strict=True):
        rows.append(
            StandingsRow(
                position=position,
                shared=sharing[position] > 1,
                key=tally.key,
                name=tally.name,
                car_numbers=tuple(tally.car_numbers),
                points=points,
                wins=sum(1 for cell in tally.cells.values() if cell.eligible_rank == 1),
                rounds=tuple(tally.cells.get(round_input.key) for round_input in counted),
            )
        )
    return tuple(rows)
