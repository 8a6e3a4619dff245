"""The points rule sets shipped in events/data/standings/*.toml, and real rounds scored with them."""

from fractions import Fraction
from importlib import resources

import pytest

from events.core.standings import (
    SCALES,
    CarResult,
    DriverRef,
    RoundInput,
    StandingsTable,
    rule_set_for_year,
    standings_compute,
)
from events.data import read_toml, standings_rule_sets

TEN = (25, 18, 15, 12, 10, 8, 6, 4, 2, 1)


def rules(year: int):
    return rule_set_for_year(standings_rule_sets(), year)


def car(number: str, position: int | None, maker: str, *, entrant: str = "works", cls: str = "HYPERCAR", pole=False):
    return CarResult(
        number=number,
        class_code=cls,
        class_position=position,
        status="classified" if position else "retired",
        entrant=entrant,
        team=f"Team {number}",
        manufacturer=maker,
        drivers=(DriverRef(f"{number}a", f"Driver {number}A"), DriverRef(f"{number}b", f"Driver {number}B")),
        pole=pole,
    )


def tables(year: int, *cars: CarResult, scale: str = "standard") -> dict[str, StandingsTable]:
    computed = standings_compute(rules(year), [RoundInput(key="r1", name="R1", scale=scale, cars=cars)])
    return {table.key: table for table in computed}


def points(table: StandingsTable) -> dict[str, Fraction]:
    return {row.key: row.points for row in table.rows}


# --- The files -------------------------------------------------------------------------------


def test_every_shipped_file_parses_with_every_scale():
    files = sorted(path.name for path in resources.files("events.data").joinpath("standings").iterdir())
    assert files == [f"{rule_set.key}.toml" for rule_set in standings_rule_sets()]
    for rule_set in standings_rule_sets():
        assert set(rule_set.scales) == set(SCALES), rule_set.key
        assert all(len(scale.points) == 10 for scale in rule_set.scales.values()), rule_set.key
        assert rule_set.pole_points == 1, rule_set.key


def test_the_eras_follow_each_other_from_2012_without_gap_or_overlap():
    eras = [(rule_set.first_year, rule_set.last_year) for rule_set in standings_rule_sets()]
    assert eras == [
        (2012, 2012),
        (2013, 2013),
        (2014, 2017),
        (2018, 2018),
        (2019, 2020),
        (2021, 2023),
        (2024, 2024),
        (2025, None),
    ]


def test_every_title_names_known_classes():
    known = {found["code"] for found in read_toml("classes.toml")["class"]}
    for rule_set in standings_rule_sets():
        for title in rule_set.titles:
            assert set(title.class_codes) <= known, (rule_set.key, title.key)


@pytest.mark.parametrize(
    "year, key",
    [(2012, "wec-2012"), (2013, "wec-2013"), (2016, "wec-2014-2017"), (2018, "wec-2018"), (2019, "wec-2019"),
     (2020, "wec-2019"), (2023, "wec-2021-2023"), (2024, "wec-2024"), (2025, "wec-2025"), (2026, "wec-2025")],
)  # fmt: skip
def test_rule_set_for_year(year, key):
    assert rules(year).key == key


def test_rule_set_for_year_before_the_championship_names_the_year():
    with pytest.raises(ValueError, match="1990"):
        rules(1990)


def test_the_multiplied_scales_are_rounded_up():
    assert rules(2018).scales["long"].points == (32, 23, 19, 15, 13, 10, 8, 5, 3, 2)  # Sebring x1.25
    assert rules(2018).scales["le-mans"].points == (38, 27, 23, 18, 15, 12, 9, 6, 3, 2)  # x1.5
    assert rules(2019).scales["long"].points == (38, 27, 23, 18, 15, 12, 9, 6, 3, 2)  # x1.5
    assert rules(2019).scales["le-mans"].points == (50, 36, 30, 24, 20, 16, 12, 8, 4, 2)  # x2
    assert rules(2024).scales["standard"].points == TEN


# --- Rounds scored with the shipped rules ---------------------------------------------------


def test_2024_qatar_porsche_scores_38_and_the_pole_point():
    qatar = tables(
        2024,
        car("6", 1, "Porsche", pole=True),
        car("5", 2, "Porsche"),
        car("12", 3, "Porsche", entrant="private"),  # Hertz Team Jota
        car("51", 4, "Ferrari"),
        car("8", 5, "Toyota"),
        scale="long",
    )
    assert points(qatar["hypercar-manufacturers"]) == {"Porsche": 39, "Ferrari": 23, "Toyota": 18}
    assert points(qatar["hypercar-drivers"])["6a"] == 39
    assert points(qatar["hypercar-drivers"])["12a"] == 23
    assert points(qatar["hypercar-teams"]) == {"Team 12|12": 38}  # private teams rank among themselves


def test_2024_cota_private_winner_leaves_the_winners_points_to_the_works_car_behind():
    cota = tables(2024, car("83", 1, "Ferrari", entrant="private"), car("7", 2, "Toyota"), car("50", 3, "Ferrari"))
    assert points(cota["hypercar-manufacturers"]) == {"Toyota": 25, "Ferrari": 18}
    assert points(cota["hypercar-teams"]) == {"Team 83|83": 25}
    assert points(cota["hypercar-drivers"])["83a"] == 25


def test_best_car_counts_in_2024_and_best_two_in_2025():
    results = (car("7", 1, "Toyota"), car("8", 2, "Toyota"), car("50", 3, "Ferrari"))
    assert points(tables(2024, *results)["hypercar-manufacturers"]) == {"Toyota": 25, "Ferrari": 15}
    assert points(tables(2025, *results)["hypercar-manufacturers"]) == {"Toyota": 43, "Ferrari": 15}


def test_beyond_10th_half_a_point_in_2019_nothing_at_6_h_in_2024_one_at_le_mans_2024():
    field = [car(str(number), number, "Make", cls="LMP2") for number in range(1, 12)]
    assert points(tables(2019, *field)["lmp2-teams"])["Team 11|11"] == Fraction(1, 2)
    gt3 = [car(str(number), number, "Make", cls="LMGT3") for number in range(1, 12)]
    assert points(tables(2024, *gt3)["lmgt3-teams"])["Team 11|11"] == 0
    assert points(tables(2024, *gt3, scale="le-mans")["lmgt3-teams"])["Team 11|11"] == 1


def test_2023_without_lmgte_pro_leaves_the_gt_titles_out():
    round_2023 = tables(2023, car("8", 1, "Toyota"), car("33", 1, "Chevrolet", cls="LMGTE AM"))
    assert list(round_2023) == ["hypercar-drivers", "hypercar-manufacturers", "lmgte-am-drivers", "lmgte-am-teams"]


def test_2012_drivers_title_scores_every_class_on_its_own():
    round_2012 = tables(2012, car("1", 1, "Audi", cls="LMP1"), car("51", 1, "Ferrari", cls="LMGTE PRO"))
    assert points(round_2012["drivers"]) == {"1a": 25, "1b": 25, "51a": 25, "51b": 25}
    assert "drivers" not in tables(2013, car("51", 1, "Ferrari", cls="LMGTE PRO"))
