"""The standings engine (pure: no database): hand-built seasons, hand-computed points."""

from dataclasses import replace
from fractions import Fraction

import pytest

from events.core.standings import (
    CarResult,
    DriverRef,
    RoundCell,
    RoundInput,
    RuleSet,
    Scale,
    StandingsTable,
    TitleRule,
    points_display,
    standings_compute,
)

TEN = (25, 18, 15, 12, 10, 8, 6, 4, 2, 1)
SCALES = {
    "standard": Scale(TEN, beyond=Fraction(1, 2)),
    "long": Scale((38, 27, 23, 18, 15, 12, 9, 6, 3, 2), beyond=Fraction(1)),
    "le-mans": Scale((50, 36, 30, 24, 20, 16, 12, 8, 4, 2), beyond=Fraction(1)),
}
DRIVERS = TitleRule("drivers", "Drivers", ("HYPERCAR",), "drivers")
TEAMS = TitleRule("teams", "Teams", ("HYPERCAR",), "teams")
MAKERS = TitleRule("makers", "Manufacturers", ("HYPERCAR",), "manufacturers", entrants=("works",), best_cars=1)


# --- Helpers ---------------------------------------------------------------------------------


def rules(*titles: TitleRule, scales: dict[str, Scale] = SCALES) -> RuleSet:
    return RuleSet(
        key="test",
        name="Test rules",
        first_year=2000,
        last_year=None,
        scales=scales,
        pole_points=1,
        titles=titles or (DRIVERS, TEAMS, MAKERS),
    )


def crew(number: str, size: int = 2) -> tuple[DriverRef, ...]:
    """Drivers "7a", "7b" ... named "Driver 7A" ..."""
    return tuple(DriverRef(f"{number}{letter}", f"Driver {number}{letter.upper()}") for letter in "abc"[:size])


def car(
    number: str,
    position: int | None,
    *,
    class_code: str = "HYPERCAR",
    status: str = "classified",
    entrant: str = "works",
    team: str = "",
    maker: str = "",
    drivers: tuple[DriverRef, ...] | None = None,
    pole: bool = False,
) -> CarResult:
    """Car ``number`` at class ``position``; team "Team <number>" and make "Make <number>" unless given."""
    return CarResult(
        number=number,
        class_code=class_code,
        class_position=position,
        status=status,
        entrant=entrant,
        team=team or f"Team {number}",
        manufacturer=maker or f"Make {number}",
        drivers=crew(number) if drivers is None else drivers,
        pole=pole,
    )


def race(key: str, *cars: CarResult, scale: str = "standard", share: str = "full") -> RoundInput:
    return RoundInput(key=key, name=key.title(), scale=scale, share=share, cars=cars)


def filled(key: str, *cars: CarResult, **options) -> RoundInput:
    """A round whose class positions left free (up to the last given) go to cars of the team "Filler"."""
    taken = {found.class_position for found in cars}
    fillers = [
        car(f"9{position}", position, team="Filler") for position in range(1, max(taken) + 1) if position not in taken
    ]
    return race(key, *cars, *fillers, **options)


def table(tables: tuple[StandingsTable, ...], key: str) -> StandingsTable:
    return next(found for found in tables if found.key == key)


def points(standings: StandingsTable) -> dict[str, Fraction]:
    """Points by row key, the fillers' rows left out."""
    return {row.key: row.points for row in standings.rows if not row.key.startswith("Filler|")}


def places(standings: StandingsTable) -> list[tuple[str, int, bool]]:
    return [(row.key, row.position, row.shared) for row in standings.rows if not row.key.startswith("Filler|")]


# --- Points, pole, classes -------------------------------------------------------------------


def test_standings_win_second_third_with_pole():
    tables = standings_compute(rules(), [race("qatar", car("7", 1, pole=True), car("8", 2), car("50", 3))])
    drivers = table(tables, "drivers")
    assert points(drivers) == {"7a": 26, "7b": 26, "8a": 18, "8b": 18, "50a": 15, "50b": 15}
    assert drivers.rows[0].rounds == (
        RoundCell(round="qatar", points=Fraction(26), position=1, status="classified", pole=True, eligible_rank=1),
    )
    assert [row.wins for row in drivers.rows] == [1, 1, 0, 0, 0, 0]
    teams = table(tables, "teams")
    assert [(row.key, row.name, row.points) for row in teams.rows] == [
        ("Team 7|7", "#7 Team 7", 26),
        ("Team 8|8", "#8 Team 8", 18),
        ("Team 50|50", "#50 Team 50", 15),
    ]
    assert points(table(tables, "makers")) == {"Make 7": 26, "Make 8": 18, "Make 50": 15}


def test_standings_guest_is_invisible_and_the_cars_behind_move_up():
    guests = [car(str(number), number, entrant="guest") for number in (1, 2)]
    tables = standings_compute(
        rules(),
        [race("lm", car("3", 3), car("4", 4), car("5", 5), *guests, car("6", 6), car("7", None, status="retired"))],
    )
    teams = table(tables, "teams")
    assert points(teams) == {"Team 3|3": 25, "Team 4|4": 18, "Team 5|5": 15, "Team 6|6": 12, "Team 7|7": 0}
    sixth = teams.rows[3].rounds[0]
    assert (sixth.position, sixth.eligible_rank, sixth.points) == (6, 4, 12)
    assert [row.wins for row in teams.rows] == [1, 0, 0, 0, 0]  # 3rd on the road, 1st among eligible cars


def test_standings_only_classified_cars_take_a_rank():
    # A position given with another status (an editor's override) scores nothing and ranks nobody down.
    results = race("r1", car("1", 1), car("2", 2, status="not_classified"), car("3", 3))
    teams = table(standings_compute(rules(TEAMS), [results]), "teams")
    assert points(teams) == {"Team 1|1": 25, "Team 3|3": 18, "Team 2|2": 0}
    assert teams.rows[2].rounds[0].eligible_rank is None


def test_standings_guest_pole_gives_nobody_the_pole_point():
    tables = standings_compute(rules(), [race("r1", car("1", 1, entrant="guest", pole=True), car("2", 2))])
    assert points(table(tables, "teams")) == {"Team 2|2": 25}


def test_standings_private_car_is_invisible_for_manufacturers_but_scores_for_drivers():
    # 2024 COTA: private #83 Ferrari won, the Toyota behind it got the winner's manufacturer points.
    cota = race(
        "cota",
        car("83", 1, entrant="private", maker="Ferrari", team="AF Corse"),
        car("7", 2, maker="Toyota"),
        car("50", 3, maker="Ferrari"),
    )
    tables = standings_compute(rules(), [cota])
    assert points(table(tables, "makers")) == {"Toyota": 25, "Ferrari": 18}
    assert table(tables, "makers").rows[1].car_numbers == ("50",)
    assert points(table(tables, "drivers"))["83a"] == 25


def test_standings_car_without_manufacturer_keeps_its_rank_but_scores_no_manufacturer():
    results = race("r1", replace(car("7", 1), manufacturer=""), car("50", 2, maker="Ferrari"))
    makers = table(standings_compute(rules(), [results]), "makers")
    assert [(row.position, row.name, row.points) for row in makers.rows] == [(1, "Ferrari", 18)]


def test_standings_best_two_cars_count_against_best_one():
    results = race("r1", car("7", 1, maker="Toyota"), car("8", 2, maker="Toyota"), car("50", 3, maker="Ferrari"))
    best_one = table(standings_compute(rules(MAKERS), [results]), "makers")
    best_two = table(
        standings_compute(rules(TitleRule("makers", "M", ("HYPERCAR",), "manufacturers", best_cars=2)), [results]),
        "makers",
    )
    assert points(best_one) == {"Toyota": 25, "Ferrari": 15}
    assert points(best_two) == {"Toyota": 43, "Ferrari": 15}
    assert best_two.rows[0].car_numbers == ("7", "8")
    assert best_two.rows[0].rounds[0].eligible_rank == 1


def test_standings_manufacturer_pole_point_counts_once_even_from_a_car_not_counted():
    results = race(
        "r1", car("7", 1, maker="Toyota"), car("8", 3, maker="Toyota", pole=True), car("50", 2, maker="Ferrari")
    )
    makers = table(standings_compute(rules(MAKERS), [results]), "makers")
    assert points(makers) == {"Toyota": 26, "Ferrari": 18}
    cell = makers.rows[0].rounds[0]
    assert (cell.pole, cell.position, cell.eligible_rank) == (True, 1, 1)


def test_standings_each_class_is_scored_on_its_own():
    both = TitleRule("all", "All classes", ("HYPERCAR", "LMP2"), "drivers")
    results = race("r1", car("7", 1), car("8", 2), car("22", 1, class_code="LMP2"), car("99", 1, class_code="LMGT3"))
    assert points(table(standings_compute(rules(both), [results]), "all")) == {
        "7a": 25, "7b": 25, "22a": 25, "22b": 25, "8a": 18, "8b": 18,
    }  # fmt: skip


def test_standings_beyond_the_scale_every_classified_car_scores_beyond():
    results = race(
        "r1", *[car(str(number), number) for number in range(1, 13)], car("13", None, status="not_classified")
    )
    teams = points(table(standings_compute(rules(TEAMS), [results]), "teams"))
    assert (teams["Team 10|10"], teams["Team 11|11"], teams["Team 12|12"], teams["Team 13|13"]) == (
        1,
        Fraction(1, 2),
        Fraction(1, 2),
        0,
    )


def test_standings_long_and_le_mans_scales():
    season = [
        race("bahrain", car("7", 1), car("8", 2), scale="long"),
        race("lm", car("8", 1), car("7", 2), scale="le-mans"),
    ]
    assert points(table(standings_compute(rules(TEAMS), season), "teams")) == {"Team 8|8": 27 + 50, "Team 7|7": 38 + 36}


# --- Shortened races, disqualification, missing drivers -------------------------------------


def test_standings_half_points_round_halves_race_points_not_the_pole_point():
    results = filled("spa", car("7", 1), car("8", 2, pole=True), car("9", 11), share="half")
    teams = points(table(standings_compute(rules(TEAMS), [results]), "teams"))
    assert teams == {"Team 7|7": Fraction(25, 2), "Team 8|8": 10, "Team 9|9": Fraction(1, 4)}


def test_standings_no_points_round_gives_no_race_points_and_no_pole_point():
    results = race("fuji", car("7", 1, pole=True), car("8", 2), share="none")
    teams = table(standings_compute(rules(TEAMS), [results]), "teams")
    assert points(teams) == {"Team 7|7": 0, "Team 8|8": 0}
    assert teams.rows[0].rounds[0].pole is True


def test_standings_disqualified_car_scores_nothing_but_keeps_its_pole_point():
    # After the race the caller's classification moved #8 up to 1st.
    results = race("r1", car("7", None, status="disqualified", pole=True), car("8", 1), car("9", 2))
    teams = table(standings_compute(rules(TEAMS), [results]), "teams")
    assert points(teams) == {"Team 8|8": 25, "Team 9|9": 18, "Team 7|7": 1}
    cell = teams.rows[2].rounds[0]
    assert (cell.status, cell.position, cell.eligible_rank, cell.pole) == ("disqualified", None, None, True)


def test_standings_driver_who_missed_a_round_has_fewer_points_and_none_for_it():
    season = [
        race("qatar", car("7", 1, drivers=crew("7", 3))),
        race("imola", car("8", 1), car("7", 2, drivers=crew("7", 2))),  # 7c misses Imola
    ]
    drivers = table(standings_compute(rules(DRIVERS), season), "drivers")
    assert points(drivers) == {"7a": 43, "7b": 43, "7c": 25, "8a": 25, "8b": 25}
    assert places(drivers) == [("7a", 1, True), ("7b", 1, True), ("7c", 3, True), ("8a", 3, True), ("8b", 3, True)]
    assert drivers.rows[2].rounds[1] is None
    assert drivers.rows[2].rounds[0].points == 25


def test_standings_driver_in_a_guest_car_has_no_cell_for_that_round():
    season = [race("r1", car("7", 1)), race("r2", car("70", 1, entrant="guest", drivers=crew("7", 1)))]
    drivers = table(standings_compute(rules(DRIVERS), season), "drivers")
    assert [row.rounds for row in drivers.rows][0][1] is None
    assert drivers.rows[0].car_numbers == ("7",)


def test_standings_driver_in_two_cars_of_one_round_keeps_the_better():
    ace = DriverRef("1", "Ace")
    results = race("r1", car("7", 2, drivers=(ace,)), car("8", 1, drivers=(ace,)), car("9", 3, drivers=(ace,)))
    (row,) = table(standings_compute(rules(DRIVERS), [results]), "drivers").rows
    assert (row.points, row.rounds[0].eligible_rank, row.car_numbers) == (25, 1, ("7", "8", "9"))


def test_standings_driver_car_numbers_in_first_appearance_order():
    ace = DriverRef("1", "Ace")
    season = [
        race("r1", car("8", 1, drivers=(ace,))),
        race("r2", car("7", 1, drivers=(ace,))),
        race("r3", car("8", 1, drivers=(ace,))),
    ]
    (row,) = table(standings_compute(rules(DRIVERS), season), "drivers").rows
    assert (row.car_numbers, row.points, row.wins) == (("8", "7"), 75, 3)


# --- Order: countback and shared places ------------------------------------------------------


def test_standings_equal_points_more_wins_first():
    season = [
        race("r1", car("1", 1, team="Zed"), car("2", 2, team="Abc"), car("3", 3, team="Top")),
        filled("r2", car("3", 1, team="Top"), car("1", 6, team="Zed"), car("2", 3, team="Abc")),
    ]
    teams = table(standings_compute(rules(TEAMS), season), "teams")
    # Zed 25 + 8 = 33 with a win, Abc 18 + 15 = 33 without: Zed ahead though "Abc" sorts first.
    assert [(row.name, row.points, row.position, row.shared, row.wins) for row in teams.rows[:3]] == [
        ("#3 Top", 40, 1, False, 1),
        ("#1 Zed", 33, 2, False, 1),
        ("#2 Abc", 33, 3, False, 0),
    ]


def test_standings_countback_on_seconds_when_wins_are_equal():
    season = [
        filled("r1", car("1", 1), car("2", 2)),  # 1: 25, 2: 18
        filled("r2", car("2", 1), car("1", 3)),  # 1: 40, 2: 43
        filled("r3", car("1", 2), car("2", 4)),  # 1: 58, 2: 55
        filled("r4", car("2", 2), car("1", 5)),  # 1: 68, 2: 73
        filled("r5", car("1", 4), car("2", 6)),  # 1: 80, 2: 81
        filled("r6", car("1", 10), car("2", 11)),  # 1: 81, 2: 81 (nothing beyond 10th here)
    ]
    teams = table(standings_compute(rules(TEAMS, scales={**SCALES, "standard": Scale(TEN)}), season), "teams")
    # One win each; 2 has two seconds, 1 has one: 2 ahead though "Team 1" sorts first.
    assert points(teams) == {"Team 2|2": 81, "Team 1|1": 81}
    (two, two_at, two_shared), (one, one_at, one_shared) = places(teams)  # a filler leads the table
    assert (two, one, one_at - two_at, two_shared, one_shared) == ("Team 2|2", "Team 1|1", 1, False, False)


def test_standings_exact_tie_is_shared_and_the_next_position_skips():
    season = [
        race("r1", car("1", 1), car("2", 2), car("3", 3), car("4", 4)),
        race("r2", car("1", 1), car("3", 2), car("2", 3), car("4", 4)),
    ]
    teams = table(standings_compute(rules(TEAMS), season), "teams")
    assert places(teams) == [
        ("Team 1|1", 1, False),
        ("Team 2|2", 2, True),
        ("Team 3|3", 2, True),
        ("Team 4|4", 4, False),
    ]
    assert points(teams) == {"Team 1|1": 50, "Team 2|2": 33, "Team 3|3": 33, "Team 4|4": 24}


# --- Rounds counted, tables kept ------------------------------------------------------------


def test_standings_after_counts_rounds_up_to_and_including_it():
    season = [race("r1", car("1", 1), car("2", 2)), race("r2", car("2", 1), car("1", 2)), race("r3", car("2", 1))]
    teams = table(standings_compute(rules(TEAMS), season, after="r2"), "teams")
    assert points(teams) == {"Team 1|1": 43, "Team 2|2": 43}
    assert [len(row.rounds) for row in teams.rows] == [2, 2]
    first = table(standings_compute(rules(TEAMS), season, after="r1"), "teams")
    assert points(first) == {"Team 1|1": 25, "Team 2|2": 18}
    with pytest.raises(ValueError, match="r9"):
        standings_compute(rules(TEAMS), season, after="r9")


def test_standings_title_without_its_classes_is_left_out_and_one_without_eligible_cars_kept():
    private_teams = TitleRule("private", "Private teams", ("HYPERCAR",), "teams", entrants=("private",))
    gt = TitleRule("gt", "GT", ("LMGT3",), "teams")
    tables = standings_compute(rules(private_teams, gt), [race("r1", car("7", 1))])
    assert [(found.key, found.rows) for found in tables] == [("private", ())]


def test_standings_provisional_when_a_counted_round_is_provisional():
    season = [race("r1", car("7", 1)), RoundInput("r2", "R2", "standard", cars=(car("7", 1),), provisional=True)]
    assert table(standings_compute(rules(TEAMS), season), "teams").provisional is True
    assert table(standings_compute(rules(TEAMS), season, after="r1"), "teams").provisional is False


@pytest.mark.parametrize(
    "results, message",
    [
        (race("r1", scale="sprint"), "sprint"),
        (race("r1", share="quarter"), "quarter"),
        (race("r1", car("7", 1, entrant="factory")), "factory"),
    ],
)
def test_standings_bad_round_is_refused(results, message):
    with pytest.raises(ValueError, match=message):
        standings_compute(rules(), [results])


def test_standings_round_key_given_twice_is_refused():
    with pytest.raises(ValueError, match="r1"):
        standings_compute(rules(), [race("r1"), race("r1")])


@pytest.mark.parametrize(
    "value, shown",
    [(Fraction(25), "25"), (Fraction(25, 2), "12.5"), (Fraction(1, 2), "0.5"), (Fraction(51, 4), "12.75"),
     (Fraction(0), "0"), (Fraction(-3, 2), "-1.5"), (Fraction(1, 3), "0.333")],
)  # fmt: skip
def test_points_display(value, shown):
    assert points_display(value) == shown
