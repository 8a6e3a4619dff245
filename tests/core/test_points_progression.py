"""Points progression (pure): each standings row's total after every round, as exact fractions."""

from fractions import Fraction

from events.core.charts.progression import ProgressionLine, points_progression
from events.core.standings import RoundCell, StandingsRow, StandingsTable, standings_compute
from tests.core.test_standings import DRIVERS, car, crew, race, rules, table

HALF = Fraction(1, 2)


def test_totals_after_each_round_with_half_points_a_disqualification_and_missed_rounds():
    season = [
        race("qatar", car("7", 1, pole=True, drivers=crew("7", 3)), car("8", 2), car("50", 3)),
        # Half points: 12.5 and 9; #7 disqualified scores 0 but took part.
        race("imola", car("8", 1), car("50", 2), car("7", None, status="disqualified", drivers=crew("7", 3)),
             share="half"),
        # #8 not there at all, 7c not in #7.
        race("spa", car("7", 1, drivers=crew("7", 2)), car("50", 2)),
    ]  # fmt: skip
    drivers = table(standings_compute(rules(DRIVERS), season), "drivers")
    assert points_progression(drivers) == (
        ProgressionLine("7a", "Driver 7A", (Fraction(26), Fraction(26), Fraction(51))),
        ProgressionLine("7b", "Driver 7B", (Fraction(26), Fraction(26), Fraction(51))),
        ProgressionLine("50a", "Driver 50A", (Fraction(15), Fraction(24), Fraction(42))),
        ProgressionLine("50b", "Driver 50B", (Fraction(15), Fraction(24), Fraction(42))),
        ProgressionLine("8a", "Driver 8A", (Fraction(18), 30 + HALF, 30 + HALF)),
        ProgressionLine("8b", "Driver 8B", (Fraction(18), 30 + HALF, 30 + HALF)),
        ProgressionLine("7c", "Driver 7C", (Fraction(26), Fraction(26), Fraction(26))),
    )
    assert [line.totals[-1] for line in points_progression(drivers)] == [row.points for row in drivers.rows]
    assert [line.key for line in points_progression(drivers, first=3)] == ["7a", "7b", "50a"]


def cell(key: str, points: Fraction) -> RoundCell:
    return RoundCell(key, points, 1, "classified", False, 1)


def test_a_row_absent_from_the_first_rounds_starts_at_zero_and_quarters_stay_exact():
    late = StandingsRow(
        position=1, shared=False, key="late", name="Late <b>", car_numbers=("9",), points=Fraction(5, 4), wins=0,
        rounds=(None, None, cell("r3", Fraction(1, 4)), cell("r4", Fraction(1))),
    )  # fmt: skip
    lines = points_progression(StandingsTable("t", "T", ("HYPERCAR",), "drivers", (late,)))
    assert lines == (ProgressionLine("late", "Late <b>", (Fraction(0), Fraction(0), Fraction(1, 4), Fraction(5, 4))),)


def test_no_rows_no_lines_and_no_rounds_no_totals():
    assert points_progression(StandingsTable("t", "T", (), "teams", ())) == ()
    row = StandingsRow(1, False, "k", "K", (), Fraction(0), 0, ())
    assert points_progression(StandingsTable("t", "T", (), "teams", (row,))) == (ProgressionLine("k", "K", ()),)
