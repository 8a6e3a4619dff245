"""A season's standings as readers see them: the same lines for the page, the embed, JSON and CSV.

Each table (one per title) becomes ``StandingsLine``s: position (``2=`` when shared after
countback), name, car numbers, points (``12.5``), wins, and per counted round what the
row scored there, with its class position as raced (``DSQ``, ``NC``, ``RET``, ``DNS``
when it had none) and a pole mark.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ..core.standings import StandingsTable, points_display
from ..enums import ResultStatus
from .csvfile import Column, csv_lines, text, value

# What a round's cell says when the car had no class position.
STATUS_MARKS = {
    ResultStatus.DISQUALIFIED: "DSQ",
    ResultStatus.NOT_CLASSIFIED: "NC",
    ResultStatus.RETIRED: "RET",
    ResultStatus.DID_NOT_START: "DNS",
    ResultStatus.NO_TIME: "NT",
}
KIND_LABELS = {"drivers": "Drivers", "teams": "Teams", "manufacturers": "Manufacturers"}


def points_number(points: Fraction) -> int | float:
    """Points as a JSON number: 25, or 12.5 (halves are exact in binary)."""
    return int(points) if points.denominator == 1 else float(points)


@dataclass(frozen=True, slots=True)
class RoundCellLine:
    round: str
    took_part: bool
    points: Fraction
    points_text: str  # "25", "12.5", "" when it did not take part
    position: int | None
    position_text: str  # "1", "DSQ", "NC" ...; "" when it did not take part
    pole: bool
    status: str


@dataclass(frozen=True, slots=True)
class StandingsLine:
    position: int
    position_text: str  # "2=" when shared
    name: str
    car_numbers: tuple[str, ...]
    points: Fraction
    points_text: str
    wins: int
    rounds: tuple[RoundCellLine, ...]


def standings_lines(table: StandingsTable, round_keys: list[str]) -> list[StandingsLine]:
    lines = []
    texts: dict[Fraction, str] = {}  # a season's tables repeat a few dozen values
    absent = Fraction(0)

    def points_text(points: Fraction) -> str:
        text = texts.get(points)
        if text is None:
            text = texts[points] = points_display(points)
        return text

    for row in table.rows:
        cells = []
        for key, cell in zip(round_keys, row.rounds, strict=False):
            if cell is None:
                cells.append(RoundCellLine(key, False, absent, "", None, "", False, ""))
                continue
            position_text = str(cell.position) if cell.position is not None else STATUS_MARKS.get(cell.status, "")
            cells.append(
                RoundCellLine(
                    key, True, cell.points, points_text(cell.points), cell.position, position_text, cell.pole,
                    cell.status,
                )
            )  # fmt: skip
        lines.append(
            StandingsLine(
                position=row.position,
                position_text=f"{row.position}=" if row.shared else str(row.position),
                name=row.name,
                car_numbers=row.car_numbers,
                points=row.points,
                points_text=points_text(row.points),
                wins=row.wins,
                rounds=tuple(cells),
            )
        )
    return lines


def table_label(table: StandingsTable) -> str:
    return table.title


def standings_csv_columns(round_keys: list[str]) -> list[Column]:
    per_round = []
    for key in round_keys:
        slug = key.upper().replace("-", "_")
        per_round += value(f"{slug}_POINTS", f"{slug}_POSITION", f"{slug}_POLE")
    return [*value("POSITION"), *text("NAME"), *value("CAR_NUMBERS", "POINTS", "WINS"), *per_round]


def standings_csv(table: StandingsTable, round_keys: list[str]) -> Iterator[str]:
    """The table as CSV, written like every other export (``;``, BOM, CRLF)."""
    rows = (
        [
            line.position_text,
            line.name,
            " ".join(line.car_numbers),
            line.points_text,
            line.wins,
            *[
                field
                for cell in line.rounds
                for field in (cell.points_text, cell.position_text, "1" if cell.pole else "")
            ],
        ]
        for line in standings_lines(table, round_keys)
    )
    return csv_lines(standings_csv_columns(round_keys), rows)
