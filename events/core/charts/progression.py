"""Points progression: each standings row's points total after every counted round, exact.

A row's total after round k is the sum of what it scored in rounds 1..k: a round it did
not take part in (``None`` in its cells) adds nothing, so the total stays where it was;
a round it scored nothing in (disqualified, retired) adds 0. Totals are the rows' own
:class:`~fractions.Fraction` points, halves and quarters kept exact; the last is the
row's points.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

from ..standings.types import StandingsTable

NOTHING = Fraction(0)


@dataclass(frozen=True, slots=True)
class ProgressionLine:
    """One row of a standings table as a line: ``totals[k-1]`` is its total after round k."""

    key: str  # the row's key (driver key, "team|number", manufacturer)
    name: str
    totals: tuple[Fraction, ...]


def points_progression(table: StandingsTable, first: int | None = None) -> tuple[ProgressionLine, ...]:
    """Every row of ``table`` (its ``first`` rows when given), in the table's order, with its
    total after each counted round."""
    return tuple(
        ProgressionLine(
            row.key, row.name, tuple(accumulate(NOTHING if cell is None else cell.points for cell in row.rounds))
        )
        for row in table.rows[:first]
    )
