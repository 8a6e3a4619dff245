"""The classification core (pure: no database): order, positions, gaps, statuses, grid."""

import random
from collections.abc import Iterable
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.core.classification import (
    CarClassInfo,
    Classification,
    ClassifiedRow,
    EntryInput,
    FastestLap,
    LapInput,
    PenaltyInput,
    Rules,
    StatusOverride,
    classify,
    classify_qualifying,
    classify_race,
    starting_grid,
)
from events.core.vocab import UNPOSITIONED_STATUSES, PenaltyKind, QualifyingRule, ResultStatus, SessionKind

HYPERCAR = CarClassInfo(code="HYPERCAR", name="Hypercar", display_order=1)
LMP2 = CarClassInfo(code="LMP2", name="LMP2", display_order=2)
LMGT3 = CarClassInfo(code="LMGT3", name="LMGT3", display_order=3)
CLASSES = [LMGT3, LMP2, HYPERCAR]  # deliberately not in display order


# --- Helpers ---------------------------------------------------------------------------------


def car(number: str, class_code: str = "HYPERCAR", entry_id: int | None = None) -> EntryInput:
    """An entry whose id is its number (or ``entry_id`` for numbers such as "007")."""
    return EntryInput(
        entry_id=int(number) if entry_id is None else entry_id,
        number=number,
        class_code=class_code,
        team=f"Team {number}",
        drivers=(f"Driver {number}",),
    )


def lap(
    entry_id: int,
    lap_number: int,
    lap_time_ms: int,
    elapsed_ms: int | None = None,
    *,
    deleted: bool = False,
    driver_id: int | None = None,
    driver: str = "",
) -> LapInput:
    return LapInput(
        entry_id=entry_id,
        lap_number=lap_number,
        lap_time_ms=lap_time_ms,
        is_time_deleted=deleted,
        driver_id=driver_id,
        driver_name=driver,
        elapsed_ms=elapsed_ms,
    )


def stint(
    entry_id: int,
    times: Iterable[int],
    *,
    start_ms: int = 0,
    first_lap: int = 1,
    deleted: Iterable[int] = (),
    driver_id: int | None = None,
    driver: str = "",
) -> list[LapInput]:
    """Consecutive laps from ``start_ms``; ``deleted`` names lap numbers whose time is deleted."""
    laps, elapsed, deleted = [], start_ms, set(deleted)
    for lap_number, lap_time_ms in enumerate(times, start=first_lap):
        elapsed += lap_time_ms
        laps.append(
            lap(
                entry_id,
                lap_number,
                lap_time_ms,
                elapsed,
                deleted=lap_number in deleted,
                driver_id=driver_id,
                driver=driver,
            )
        )
    return laps


def race_laps(entry_id: int, lap_count: int, finish_ms: int, **kwargs) -> list[LapInput]:
    """``lap_count`` laps, the last one ending at ``finish_ms`` (earlier laps evenly spread)."""
    lap_time = finish_ms // lap_count
    times = [lap_time] * (lap_count - 1) + [finish_ms - lap_time * (lap_count - 1)]
    return stint(entry_id, times, **kwargs)


def qualifying(entries, laps, **kwargs) -> Classification:
    return classify_qualifying(kind="qualifying", classes=CLASSES, entries=entries, laps=laps, **kwargs)


def race(entries, laps, **kwargs) -> Classification:
    return classify_race(classes=CLASSES, entries=entries, laps=laps, **kwargs)


def numbers(rows: Iterable[ClassifiedRow]) -> list[str]:
    return [row.number for row in rows]


def rows_by_number(classification: Classification) -> dict[str, ClassifiedRow]:
    return {row.number: row for row in classification.rows}


def positions(classification: Classification) -> list[tuple[str, int | None, int | None, str]]:
    return [(row.number, row.overall_position, row.class_position, row.status) for row in classification.rows]


def gaps(row: ClassifiedRow) -> tuple:
    """(gap, interval, class gap, class interval), each as (ms, laps)."""
    return (
        (row.gap_to_leader_ms, row.gap_to_leader_laps),
        (row.interval_ms, row.interval_laps),
        (row.class_gap_to_leader_ms, row.class_gap_to_leader_laps),
        (row.class_interval_ms, row.class_interval_laps),
    )


NO_GAPS = ((None, 0), (None, 0), (None, 0), (None, 0))


# --- Qualifying ------------------------------------------------------------------------------


def test_qualifying_orders_by_best_lap_overall_and_per_class():
    entries = [car("91", "LMGT3"), car("7"), car("50"), car("92", "LMGT3"), car("8")]
    laps = [
        *stint(7, [93000, 90000, 91000], driver="Conway"),
        *stint(8, [90500, 92000]),
        *stint(50, [91000]),
        *stint(91, [98000, 99000]),
        *stint(92, [98250]),
    ]
    result = qualifying(entries, laps)

    assert result.kind == "qualifying"
    assert [info.code for info in result.classes] == ["HYPERCAR", "LMGT3"]  # no LMP2 rows
    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("8", 2, 2, ResultStatus.CLASSIFIED),
        ("50", 3, 3, ResultStatus.CLASSIFIED),
        ("91", 4, 1, ResultStatus.CLASSIFIED),
        ("92", 5, 2, ResultStatus.CLASSIFIED),
    ]
    rows = rows_by_number(result)
    assert gaps(rows["7"]) == ((0, 0), (None, 0), (0, 0), (None, 0))
    assert gaps(rows["8"]) == ((500, 0), (500, 0), (500, 0), (500, 0))
    assert gaps(rows["50"]) == ((1000, 0), (500, 0), (1000, 0), (500, 0))
    assert gaps(rows["91"]) == ((8000, 0), (7000, 0), (0, 0), (None, 0))
    assert gaps(rows["92"]) == ((8250, 0), (250, 0), (250, 0), (250, 0))
    leader = rows["7"]
    assert (leader.laps, leader.best_lap_ms, leader.best_lap_number, leader.best_lap_driver) == (3, 90000, 2, "Conway")
    assert (leader.qualifying_time_ms, leader.total_time_ms, leader.penalty_time_ms) == (90000, None, 0)
    assert (leader.team, leader.drivers, leader.status_reason) == ("Team 7", ("Driver 7",), "")


def test_qualifying_rows_of_class_in_class_order():
    entries = [car("91", "LMGT3"), car("7"), car("92", "LMGT3")]
    laps = [*stint(7, [90000]), *stint(91, [98000]), *stint(92, [97000])]
    result = qualifying(entries, laps)

    assert numbers(result.rows_of_class("LMGT3")) == ["92", "91"]
    assert numbers(result.rows_of_class("HYPERCAR")) == ["7"]
    assert result.rows_of_class("LMP2") == ()


def test_qualifying_tie_goes_to_the_car_that_set_it_first():
    entries = [car("7"), car("8")]
    laps = [*stint(7, [95000, 90000], start_ms=1000), *stint(8, [90000, 95000], start_ms=0)]
    result = qualifying(entries, laps)

    assert positions(result) == [("8", 1, 1, ResultStatus.CLASSIFIED), ("7", 2, 2, ResultStatus.CLASSIFIED)]
    assert gaps(result.rows[1]) == ((0, 0), (0, 0), (0, 0), (0, 0))


def test_qualifying_tie_without_elapsed_goes_to_lower_lap_number_then_car_number():
    entries = [car("7"), car("8"), car("9")]
    laps = [
        lap(7, 3, 90000, None),
        lap(8, 2, 90000, 500_000),
        lap(9, 3, 90000, 600_000),
    ]
    result = qualifying(entries, laps)

    # 8 beats 9 on elapsed time; against 7, whose elapsed time is unknown, the lap number
    # decides (8 on lap 2 ahead, 9 on lap 3 level, so the car number puts 7 first).
    assert numbers(result.rows) == ["8", "7", "9"]


def test_qualifying_car_without_valid_time_is_no_time_after_its_class():
    entries = [car("91", "LMGT3"), car("9"), car("7"), car("8"), car("90", "LMGT3")]
    laps = [
        *stint(7, [90000]),
        *stint(8, [89000, 95000], deleted=[1, 2]),  # every time deleted
        *stint(91, [98000]),
    ]  # 9 and 90 have no laps at all
    result = qualifying(entries, laps)

    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("91", 2, 1, ResultStatus.CLASSIFIED),
        ("8", 3, 2, ResultStatus.NO_TIME),
        ("9", 4, 3, ResultStatus.NO_TIME),
        ("90", 5, 2, ResultStatus.NO_TIME),
    ]
    assert numbers(result.rows_of_class("HYPERCAR")) == ["7", "8", "9"]
    rows = rows_by_number(result)
    for number in ("8", "9", "90"):
        assert gaps(rows[number]) == NO_GAPS
        row = rows[number]
        assert (row.best_lap_ms, row.best_lap_number, row.best_lap_driver) == (None, None, "")
        assert row.qualifying_time_ms is None
    assert (rows["8"].laps, rows["9"].laps) == (2, 0)


def test_qualifying_no_time_cars_ordered_by_car_number_numerically():
    entries = [car("A1", entry_id=1), car("10"), car("007", entry_id=3), car("7"), car("8")]
    result = qualifying(entries, [])

    assert numbers(result.rows) == ["7", "007", "8", "10", "A1"]
    assert [row.overall_position for row in result.rows] == [1, 2, 3, 4, 5]


def test_qualifying_deleted_best_lap_falls_back_to_the_next_best():
    entries = [car("7"), car("8")]
    laps = [*stint(7, [89000, 91000, 90500], deleted=[1]), *stint(8, [90000])]
    result = qualifying(entries, laps)

    assert numbers(result.rows) == ["8", "7"]
    seven = rows_by_number(result)["7"]
    assert (seven.best_lap_ms, seven.best_lap_number, seven.qualifying_time_ms, seven.laps) == (90500, 3, 90500, 3)
    assert seven.gap_to_leader_ms == 500


def test_qualifying_average_two_drivers_orders_two_then_one_then_none():
    entries = [car("1"), car("2"), car("3"), car("4"), car("5"), car("6")]
    laps = [
        # 1: drivers 90000 and 90001 (a third, slower driver does not count): sum 180001, average 90001.
        *stint(1, [91000, 90000], driver_id=11, driver="A"),
        *stint(1, [90001], first_lap=3, start_ms=181000, driver_id=12, driver="B"),
        *stint(1, [95000], first_lap=4, start_ms=271001, driver_id=13, driver="C"),
        # 2: 90001 + 90001 = 180002: the same rounded average as 1, ordered after it on the exact sum.
        *stint(2, [90001], driver_id=21),
        *stint(2, [90001], first_lap=2, start_ms=90001, driver_id=22),
        # 3: 89000 + 92000 = 181000, average 90500.
        *stint(3, [89000], driver_id=31),
        *stint(3, [92000], first_lap=2, start_ms=89000, driver_id=32),
        # 4: one driver only, with the fastest lap of all: after every two-driver car.
        *stint(4, [88000, 88500], driver_id=41, driver="Solo"),
        # 5: timed laps, but no driver known: no time under this rule.
        *stint(5, [87000]),
        # 6: no laps.
    ]
    result = qualifying(entries, laps, rules=Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS))

    assert positions(result) == [
        ("1", 1, 1, ResultStatus.CLASSIFIED),
        ("2", 2, 2, ResultStatus.CLASSIFIED),
        ("3", 3, 3, ResultStatus.CLASSIFIED),
        ("4", 4, 4, ResultStatus.CLASSIFIED),
        ("5", 5, 5, ResultStatus.NO_TIME),
        ("6", 6, 6, ResultStatus.NO_TIME),
    ]
    rows = rows_by_number(result)
    assert [rows[n].qualifying_time_ms for n in "123456"] == [90001, 90001, 90500, 88000, None, None]
    assert gaps(rows["1"]) == ((0, 0), (None, 0), (0, 0), (None, 0))
    assert gaps(rows["2"]) == ((0, 0), (0, 0), (0, 0), (0, 0))
    assert gaps(rows["3"]) == ((499, 0), (499, 0), (499, 0), (499, 0))
    assert gaps(rows["4"]) == NO_GAPS  # a one-driver time is not comparable with an average
    assert gaps(rows["5"]) == NO_GAPS
    # The best-lap columns still describe the single best valid lap.
    assert (rows["1"].best_lap_ms, rows["1"].best_lap_driver) == (90000, "A")
    assert (rows["4"].best_lap_ms, rows["4"].best_lap_driver) == (88000, "Solo")
    assert (rows["5"].best_lap_ms, rows["5"].best_lap_number) == (87000, 1)


def test_qualifying_average_two_drivers_rounds_half_up_and_groups_per_class():
    entries = [car("1"), car("2"), car("91", "LMGT3"), car("92", "LMGT3")]
    laps = [
        *stint(1, [90000], driver_id=1),
        *stint(1, [90003], first_lap=2, start_ms=90000, driver_id=2),  # 180003 -> 90002 (90001.5 up)
        *stint(2, [85000], driver_id=3),
        *stint(91, [99000], driver_id=4),
        *stint(91, [99000], first_lap=2, start_ms=99000, driver_id=5),
        *stint(92, [97000], driver_id=6),
    ]
    result = qualifying(entries, laps, rules=Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS))

    assert positions(result) == [
        ("1", 1, 1, ResultStatus.CLASSIFIED),
        ("91", 2, 1, ResultStatus.CLASSIFIED),
        ("2", 3, 2, ResultStatus.CLASSIFIED),
        ("92", 4, 2, ResultStatus.CLASSIFIED),
    ]
    rows = rows_by_number(result)
    assert rows["1"].qualifying_time_ms == 90002
    assert gaps(rows["91"]) == ((8998, 0), (8998, 0), (0, 0), (None, 0))
    assert gaps(rows["2"]) == ((None, 0), (None, 0), (None, 0), (None, 0))
    assert gaps(rows["92"]) == ((None, 0), (12000, 0), (None, 0), (None, 0))  # 2 and 92: both one-driver times


def test_qualifying_tie_on_average_goes_to_the_pair_completed_first():
    entries = [car("1"), car("2")]
    laps = [
        lap(1, 1, 90000, 90000, driver_id=1),
        lap(1, 5, 91000, 500_000, driver_id=2),
        lap(2, 2, 91000, 180_000, driver_id=3),
        lap(2, 4, 90000, 400_000, driver_id=4),
    ]
    result = qualifying(entries, laps, rules=Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS))

    assert numbers(result.rows) == ["2", "1"]


def test_qualifying_override_to_disqualified_moves_others_up():
    entries = [car("7"), car("8"), car("91", "LMGT3")]
    laps = [*stint(7, [90000]), *stint(8, [90400]), *stint(91, [98000])]
    overrides = [StatusOverride(entry_id=7, status=ResultStatus.DISQUALIFIED, reason="Car under minimum weight")]
    result = qualifying(entries, laps, overrides=overrides)

    assert positions(result) == [
        ("8", 1, 1, ResultStatus.CLASSIFIED),
        ("91", 2, 1, ResultStatus.CLASSIFIED),
        ("7", None, None, ResultStatus.DISQUALIFIED),
    ]
    rows = rows_by_number(result)
    assert rows["7"].status_reason == "Car under minimum weight"
    assert gaps(rows["7"]) == NO_GAPS
    assert rows["7"].best_lap_ms == 90000
    assert gaps(rows["8"]) == ((0, 0), (None, 0), (0, 0), (None, 0))
    assert gaps(rows["91"]) == ((7600, 0), (7600, 0), (0, 0), (None, 0))


def test_qualifying_fastest_laps_overall_and_by_class():
    entries = [car("7"), car("8"), car("91", "LMGT3"), car("92", "LMGT3"), car("93", "LMGT3")]
    laps = [
        *stint(7, [90000, 89000], deleted=[2], driver="Conway"),
        *stint(8, [90000], start_ms=5000),
        *stint(91, [98000, 97000], driver="Bruni"),
        *stint(92, [97000, 99000], start_ms=200_000),  # same time, set later
    ]
    result = qualifying(entries, laps)

    assert result.fastest_lap == FastestLap(
        entry_id=7, number="7", class_code="HYPERCAR", lap_number=1, lap_time_ms=90000, driver_name="Conway"
    )
    assert result.fastest_lap_by_class == {
        "HYPERCAR": result.fastest_lap,
        "LMGT3": FastestLap(
            entry_id=91, number="91", class_code="LMGT3", lap_number=2, lap_time_ms=97000, driver_name="Bruni"
        ),
    }


def test_qualifying_class_without_info_goes_after_known_classes():
    entries = [car("1", "GARAGE 56"), car("7"), car("91", "LMGT3")]
    laps = [*stint(1, [80000]), *stint(7, [90000]), *stint(91, [98000])]
    result = qualifying(entries, laps)

    assert numbers(result.rows) == ["1", "7", "91"]
    assert [info.code for info in result.classes] == ["HYPERCAR", "LMGT3", "GARAGE 56"]
    assert result.classes[-1].name == "GARAGE 56"
    assert result.rows[0].class_position == 1


def test_classify_dispatches_on_kind():
    entries = [car("7"), car("8")]
    laps = [*stint(7, [90000, 90000]), *stint(8, [89000])]
    assert numbers(classify(kind="practice", classes=CLASSES, entries=entries, laps=laps).rows) == ["8", "7"]
    assert numbers(classify(kind=SessionKind.RACE, classes=CLASSES, entries=entries, laps=laps).rows) == ["7", "8"]


# --- Race ------------------------------------------------------------------------------------


def test_race_orders_by_laps_then_crossing_with_gaps_in_time_and_laps():
    entries = [car("7"), car("8"), car("9"), car("91", "LMGT3"), car("92", "LMGT3")]
    laps = [
        *race_laps(8, 10, 1_000_500),
        *race_laps(7, 10, 1_000_000),  # the winner: the flag falls at 1_000_000
        *race_laps(9, 9, 1_002_000),
        *race_laps(91, 9, 1_001_000),
        *race_laps(92, 8, 1_010_000),
    ]
    result = race(entries, laps)

    assert result.kind == SessionKind.RACE
    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("8", 2, 2, ResultStatus.CLASSIFIED),
        ("91", 3, 1, ResultStatus.CLASSIFIED),
        ("9", 4, 3, ResultStatus.CLASSIFIED),
        ("92", 5, 2, ResultStatus.CLASSIFIED),
    ]
    rows = rows_by_number(result)
    assert gaps(rows["7"]) == ((0, 0), (None, 0), (0, 0), (None, 0))
    assert gaps(rows["8"]) == ((500, 0), (500, 0), (500, 0), (500, 0))
    assert gaps(rows["91"]) == ((None, 1), (None, 1), (0, 0), (None, 0))
    assert gaps(rows["9"]) == ((None, 1), (1000, 0), (None, 1), (None, 1))
    assert gaps(rows["92"]) == ((None, 2), (None, 1), (None, 1), (None, 1))
    assert [rows[n].total_time_ms for n in ("7", "8", "91", "9", "92")] == [
        1_000_000,
        1_000_500,
        1_001_000,
        1_002_000,
        1_010_000,
    ]
    assert rows["7"].laps == 10
    assert (rows["7"].qualifying_time_ms, rows["7"].penalty_time_ms) == (None, 0)


def test_race_car_that_stopped_on_its_final_lap_is_retired():
    entries = [car("7"), car("8"), car("9")]
    laps = [
        *race_laps(7, 10, 1_000_000),
        *race_laps(8, 9, 999_000),  # last crossed the line before the flag: never took it
        *race_laps(9, 9, 1_050_000),
    ]
    result = race(entries, laps)

    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("9", 2, 2, ResultStatus.CLASSIFIED),
        ("8", None, None, ResultStatus.RETIRED),
    ]
    rows = rows_by_number(result)
    assert gaps(rows["8"]) == NO_GAPS
    assert rows["8"].total_time_ms == 999_000
    assert gaps(rows["9"]) == ((None, 1), (None, 1), (None, 1), (None, 1))


def test_race_car_below_threshold_is_not_classified():
    entries = [car("7"), car("8"), car("9")]
    laps = [
        *race_laps(7, 10, 1_000_000),
        *race_laps(8, 7, 1_100_000),  # exactly 70%: classified
        *race_laps(9, 6, 1_100_000),  # 60%: took the flag, not classified
    ]
    result = race(entries, laps)

    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("8", 2, 2, ResultStatus.CLASSIFIED),
        ("9", None, None, ResultStatus.NOT_CLASSIFIED),
    ]
    assert gaps(result.rows[2]) == NO_GAPS

    stricter = race(entries, laps, rules=Rules(threshold_percent=75))
    assert [row.status for row in stricter.rows] == [
        ResultStatus.CLASSIFIED,
        ResultStatus.NOT_CLASSIFIED,
        ResultStatus.NOT_CLASSIFIED,
    ]


def test_race_threshold_of_class_winner():
    entries = [car("7"), car("91", "LMGT3"), car("92", "LMGT3")]
    laps = [
        *race_laps(7, 10, 1_000_000),
        *race_laps(91, 6, 1_001_000),  # 60% of the overall winner, 100% of the class winner
        *race_laps(92, 5, 1_002_000),  # 50% overall, 83% of the class winner
    ]
    overall = race(entries, laps)
    assert positions(overall) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("91", None, None, ResultStatus.NOT_CLASSIFIED),
        ("92", None, None, ResultStatus.NOT_CLASSIFIED),
    ]

    by_class = race(entries, laps, rules=Rules(threshold_of_class_winner=True))
    assert positions(by_class) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("91", 2, 1, ResultStatus.CLASSIFIED),
        ("92", 3, 2, ResultStatus.CLASSIFIED),
    ]
    assert gaps(by_class.rows[2]) == ((None, 5), (None, 1), (None, 1), (None, 1))


def test_race_time_penalty_swaps_two_cars_on_the_same_lap():
    entries = [car("7"), car("8")]
    laps = [*race_laps(7, 10, 1_000_000), *race_laps(8, 10, 1_003_000)]
    penalties = [
        PenaltyInput(entry_id=7, kind=PenaltyKind.TIME, time_ms=5000),
        PenaltyInput(entry_id=7, kind=PenaltyKind.TIME, time_ms=2000),
        PenaltyInput(entry_id=8, kind=PenaltyKind.DRIVE_THROUGH),  # served in the race: no effect
    ]
    result = race(entries, laps, penalties=penalties)

    assert positions(result) == [("8", 1, 1, ResultStatus.CLASSIFIED), ("7", 2, 2, ResultStatus.CLASSIFIED)]
    rows = rows_by_number(result)
    assert (rows["7"].total_time_ms, rows["7"].penalty_time_ms) == (1_007_000, 7000)
    assert (rows["8"].total_time_ms, rows["8"].penalty_time_ms) == (1_003_000, 0)
    assert gaps(rows["7"]) == ((4000, 0), (4000, 0), (4000, 0), (4000, 0))


def test_race_time_penalty_does_not_make_the_penalised_winner_retired():
    # The flag falls at the raw crossing of the first car on the lead lap, penalties aside.
    entries = [car("7"), car("8")]
    laps = [*race_laps(7, 10, 1_000_000), *race_laps(8, 9, 1_001_000)]
    result = race(entries, laps, penalties=[PenaltyInput(entry_id=7, kind=PenaltyKind.TIME, time_ms=60_000)])

    assert positions(result) == [("7", 1, 1, ResultStatus.CLASSIFIED), ("8", 2, 2, ResultStatus.CLASSIFIED)]


def test_race_laps_deducted_put_the_winner_behind_cars_on_more_laps():
    # Le Mans 2023 #5 style: four laps deducted after the race; the laps themselves stay.
    entries = [car("5"), car("7"), car("8")]
    laps = [*race_laps(5, 20, 1_000_000), *race_laps(7, 20, 1_002_000), *race_laps(8, 17, 1_003_000)]
    result = race(entries, laps, penalties=[PenaltyInput(entry_id=5, kind=PenaltyKind.LAPS, laps=4)])

    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("8", 2, 2, ResultStatus.CLASSIFIED),
        ("5", 3, 3, ResultStatus.CLASSIFIED),
    ]
    rows = rows_by_number(result)
    assert (rows["5"].laps, rows["5"].total_time_ms) == (16, 1_000_000)
    assert gaps(rows["5"]) == ((None, 4), (None, 1), (None, 4), (None, 1))


def test_race_laps_deducted_below_the_threshold_are_not_classified():
    entries = [car("5"), car("7")]
    laps = [*race_laps(5, 10, 1_000_000), *race_laps(7, 10, 1_002_000)]
    result = race(entries, laps, penalties=[PenaltyInput(entry_id=5, kind=PenaltyKind.LAPS, laps=4)])
    assert positions(result) == [("7", 1, 1, ResultStatus.CLASSIFIED), ("5", None, None, ResultStatus.NOT_CLASSIFIED)]


def test_race_disqualification_moves_others_up():
    entries = [car("7"), car("8"), car("91", "LMGT3"), car("92", "LMGT3")]
    laps = [
        *race_laps(7, 10, 1_000_000),
        *race_laps(8, 10, 1_001_000),
        *race_laps(91, 9, 1_002_000),
        *race_laps(92, 9, 1_003_000),
    ]
    penalties = [
        PenaltyInput(entry_id=7, kind=PenaltyKind.DISQUALIFICATION),
        PenaltyInput(entry_id=91, kind=PenaltyKind.DISQUALIFICATION),
    ]
    result = race(entries, laps, penalties=penalties)

    assert positions(result) == [
        ("8", 1, 1, ResultStatus.CLASSIFIED),
        ("92", 2, 1, ResultStatus.CLASSIFIED),
        ("7", None, None, ResultStatus.DISQUALIFIED),
        ("91", None, None, ResultStatus.DISQUALIFIED),
    ]
    rows = rows_by_number(result)
    assert gaps(rows["8"]) == ((0, 0), (None, 0), (0, 0), (None, 0))
    assert gaps(rows["92"]) == ((None, 1), (None, 1), (0, 0), (None, 0))
    assert gaps(rows["7"]) == NO_GAPS


def test_race_did_not_start_with_zero_laps_and_by_override():
    entries = [car("7"), car("8"), car("9")]
    laps = [*race_laps(7, 10, 1_000_000), *race_laps(8, 10, 1_001_000)]
    overrides = [StatusOverride(entry_id=8, status=ResultStatus.DID_NOT_START, reason="Laps were set by the spare car")]
    result = race(entries, laps, overrides=overrides)

    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("8", None, None, ResultStatus.DID_NOT_START),
        ("9", None, None, ResultStatus.DID_NOT_START),
    ]
    rows = rows_by_number(result)
    assert (rows["8"].status_reason, rows["8"].laps) == ("Laps were set by the spare car", 10)
    assert (rows["9"].status_reason, rows["9"].laps, rows["9"].total_time_ms) == ("", 0, None)
    assert (rows["9"].best_lap_ms, rows["9"].best_lap_number, rows["9"].best_lap_driver) == (None, None, "")
    assert gaps(rows["9"]) == NO_GAPS


def test_race_override_with_reason_beats_computed_status():
    entries = [car("7"), car("8"), car("9"), car("10")]
    laps = [
        *race_laps(7, 10, 1_000_000),
        *race_laps(8, 5, 990_000),  # computed retired, and under 70% of the winner's laps
        *race_laps(9, 10, 1_002_000),
        *race_laps(10, 9, 1_010_000),
    ]
    overrides = [
        StatusOverride(
            entry_id=8, status=ResultStatus.CLASSIFIED, reason="Crossed the line in the pit lane (Art. 12.3)"
        ),
        StatusOverride(entry_id=9, status=ResultStatus.RETIRED, reason="Stopped after the flag, pushed over the line"),
        StatusOverride(entry_id=10, status=ResultStatus.DISQUALIFIED, reason="Fuel flow"),
        StatusOverride(entry_id=7, status=ResultStatus.CLASSIFIED, reason="Appeal upheld"),  # beats the penalty below
    ]
    penalties = [PenaltyInput(entry_id=7, kind=PenaltyKind.DISQUALIFICATION)]
    result = race(entries, laps, overrides=overrides, penalties=penalties)

    assert positions(result) == [
        ("7", 1, 1, ResultStatus.CLASSIFIED),
        ("8", 2, 2, ResultStatus.CLASSIFIED),
        ("9", None, None, ResultStatus.RETIRED),
        ("10", None, None, ResultStatus.DISQUALIFIED),
    ]
    rows = rows_by_number(result)
    assert rows["8"].status_reason == "Crossed the line in the pit lane (Art. 12.3)"
    assert rows["7"].status_reason == "Appeal upheld"
    assert gaps(rows["8"]) == ((None, 5), (None, 5), (None, 5), (None, 5))


def test_race_unpositioned_rows_follow_in_status_order():
    entries = [car(str(n)) for n in range(1, 8)]
    laps = [
        *race_laps(1, 10, 1_000_000),
        *race_laps(2, 5, 1_100_000),  # not classified
        *race_laps(3, 4, 1_100_000),  # not classified, fewer laps
        *race_laps(4, 8, 800_000),  # retired
        *race_laps(5, 9, 900_000),  # retired, more laps
        *race_laps(6, 10, 1_001_000),  # disqualified
    ]  # 7: did not start
    result = race(entries, laps, penalties=[PenaltyInput(entry_id=6, kind=PenaltyKind.DISQUALIFICATION)])

    assert positions(result) == [
        ("1", 1, 1, ResultStatus.CLASSIFIED),
        ("2", None, None, ResultStatus.NOT_CLASSIFIED),
        ("3", None, None, ResultStatus.NOT_CLASSIFIED),
        ("5", None, None, ResultStatus.RETIRED),
        ("4", None, None, ResultStatus.RETIRED),
        ("6", None, None, ResultStatus.DISQUALIFIED),
        ("7", None, None, ResultStatus.DID_NOT_START),
    ]
    assert numbers(result.rows_of_class("HYPERCAR")) == ["1", "2", "3", "5", "4", "6", "7"]


def test_race_threshold_reference_ignores_a_disqualified_leader():
    entries = [car("7"), car("8")]
    laps = [*race_laps(7, 10, 1_000_000), *race_laps(8, 6, 1_001_000)]
    result = race(entries, laps, penalties=[PenaltyInput(entry_id=7, kind=PenaltyKind.DISQUALIFICATION)])

    assert positions(result) == [("8", 1, 1, ResultStatus.CLASSIFIED), ("7", None, None, ResultStatus.DISQUALIFIED)]


def test_race_last_lap_without_elapsed_uses_the_sum_of_lap_times():
    entries = [car("7"), car("8")]
    laps = [
        lap(7, 1, 100_000, 100_000),
        lap(7, 2, 100_000, None),  # crossing 200_000
        lap(8, 1, 99_000, 99_000),
        lap(8, 2, 100_500, 199_500),
    ]
    result = race(entries, laps)

    assert numbers(result.rows) == ["8", "7"]
    assert rows_by_number(result)["7"].total_time_ms == 200_000
    assert result.rows[1].gap_to_leader_ms == 500


def test_race_deleted_lap_counts_but_is_not_a_best_lap():
    entries = [car("7"), car("8"), car("91", "LMGT3"), car("92", "LMGT3")]
    laps = [
        *stint(7, [95000, 89000, 96000], deleted=[2], driver="Buemi"),
        *stint(8, [94000, 95000, 92000], start_ms=-1000, driver="Conway"),
        *stint(91, [101000, 100000], driver="Bruni"),
        *stint(92, [100000, 101000], start_ms=50_000, driver="Lietz"),
    ]
    result = race(entries, laps)

    rows = rows_by_number(result)
    assert (rows["7"].laps, rows["7"].best_lap_ms, rows["7"].best_lap_number) == (3, 95000, 1)
    assert result.fastest_lap == FastestLap(
        entry_id=8, number="8", class_code="HYPERCAR", lap_number=3, lap_time_ms=92000, driver_name="Conway"
    )
    # 91 and 92 both did 1:40.000; 92 set it at 150_000 ms, 91 only at 201_000 ms.
    assert result.fastest_lap_by_class["LMGT3"] == FastestLap(
        entry_id=92, number="92", class_code="LMGT3", lap_number=1, lap_time_ms=100000, driver_name="Lietz"
    )
    assert set(result.fastest_lap_by_class) == {"HYPERCAR", "LMGT3"}


def test_race_without_laps_has_no_fastest_lap():
    result = race([car("7")], [])
    assert (result.fastest_lap, result.fastest_lap_by_class) == (None, {})
    assert positions(result) == [("7", None, None, ResultStatus.DID_NOT_START)]


def test_race_ignores_laps_of_unknown_entries():
    result = race([car("7")], [*race_laps(7, 3, 300_000), *race_laps(99, 5, 200_000)])
    assert positions(result) == [("7", 1, 1, ResultStatus.CLASSIFIED)]


# --- Starting grid ---------------------------------------------------------------------------


def grid_summary(grid) -> list[tuple[int, int, str, bool, int]]:
    return [
        (row.grid_position, row.class_grid_position, row.row.number, row.from_hyperpole, row.grid_penalty_places)
        for row in grid
    ]


def test_starting_grid_groups_by_class_with_hyperpole_top_and_grid_penalty():
    entries = [car(n) for n in ("1", "2", "3", "4", "5")] + [car(n, "LMGT3") for n in ("91", "92", "93")]
    quali = qualifying(
        entries,
        [
            *stint(1, [90000]),
            *stint(2, [90100]),
            *stint(3, [90200]),
            *stint(4, [90300]),
            *stint(5, [90400]),
            *stint(91, [98000]),
            *stint(92, [98100]),
            *stint(93, [98200]),
        ],
    )
    # The top three of each class went to Hyperpole; 3 set no time there.
    hyperpole = classify_qualifying(
        kind="hyperpole",
        classes=CLASSES,
        entries=[entries[0], entries[1], entries[2], entries[5], entries[6]],
        laps=[*stint(2, [89500]), *stint(1, [89700]), *stint(92, [97500]), *stint(91, [97600])],
    )
    penalties = [
        PenaltyInput(entry_id=2, kind=PenaltyKind.GRID_PLACES, grid_places=3),
        PenaltyInput(entry_id=91, kind=PenaltyKind.TIME, time_ms=5000),  # not a grid penalty
    ]
    grid = starting_grid(qualifying=quali, hyperpole=hyperpole, grid_penalties=penalties)

    assert grid_summary(grid) == [
        (1, 1, "1", True, 0),
        (2, 2, "3", False, 0),
        (3, 3, "4", False, 0),
        (4, 4, "2", True, 3),  # Hyperpole pole, three places back
        (5, 5, "5", False, 0),
        (6, 1, "92", True, 0),
        (7, 2, "91", True, 0),
        (8, 3, "93", False, 0),
    ]
    assert grid[0].row.qualifying_time_ms == 89700  # the Hyperpole row
    assert grid[1].row.qualifying_time_ms == 90200  # the qualifying row


def test_starting_grid_without_hyperpole_puts_disqualified_cars_last_in_their_class():
    entries = [car("1"), car("2"), car("3"), car("91", "LMGT3")]
    quali = qualifying(
        entries,
        [*stint(1, [90000]), *stint(2, [90100]), *stint(91, [98000])],
        overrides=[StatusOverride(entry_id=1, status=ResultStatus.DISQUALIFIED, reason="Skid block")],
    )
    grid = starting_grid(qualifying=quali)

    assert grid_summary(grid) == [
        (1, 1, "2", False, 0),
        (2, 2, "3", False, 0),  # no time, but not disqualified
        (3, 3, "1", False, 0),
        (4, 1, "91", False, 0),
    ]


def test_starting_grid_penalty_is_clamped_and_applied_front_to_back():
    entries = [car(n) for n in ("1", "2", "3", "4")]
    quali = qualifying(entries, [*stint(1, [90000]), *stint(2, [90100]), *stint(3, [90200]), *stint(4, [90300])])
    penalties = [
        PenaltyInput(entry_id=1, kind=PenaltyKind.GRID_PLACES, grid_places=1),
        PenaltyInput(entry_id=3, kind=PenaltyKind.GRID_PLACES, grid_places=5),
        PenaltyInput(entry_id=3, kind=PenaltyKind.GRID_PLACES, grid_places=5),
    ]
    grid = starting_grid(qualifying=quali, grid_penalties=penalties)

    # 1 goes back one (2, 1, 3, 4); then 3 goes to the back (2, 1, 4, 3).
    assert grid_summary(grid) == [
        (1, 1, "2", False, 0),
        (2, 2, "1", False, 1),
        (3, 3, "4", False, 0),
        (4, 4, "3", False, 10),
    ]


# --- Scale -----------------------------------------------------------------------------------


def test_race_and_qualifying_handle_a_full_24_hours():
    # Speed is measured in bench/, not here: this checks the result at full size.
    rng = random.Random(24)
    classes = [HYPERCAR, LMP2, LMGT3]
    entries = [car(str(n), classes[n % 3].code) for n in range(1, 63)]
    laps = []
    for entry in entries:
        lap_count = rng.randint(300, 345)
        laps.extend(
            stint(
                entry.entry_id,
                [rng.randint(200_000, 240_000) for _ in range(lap_count)],
                deleted=rng.sample(range(1, lap_count + 1), 5),
                driver_id=entry.entry_id * 10 + rng.randint(1, 3),
            )
        )
    rng.shuffle(laps)
    assert len(laps) > 19_000

    result = race(entries, laps)
    qualifying = classify_qualifying(
        kind="qualifying",
        classes=classes,
        entries=entries,
        laps=laps,
        rules=Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS),
    )

    assert len(result.rows) == len(qualifying.rows) == 62
    positioned = [row.overall_position for row in result.rows if row.overall_position is not None]
    assert positioned == list(range(1, len(positioned) + 1))
    assert sorted(row.class_position for row in qualifying.rows) == sorted(
        p
        for code in ("HYPERCAR", "LMP2", "LMGT3")
        for p in range(1, 1 + sum(r.class_code == code for r in qualifying.rows))
    )


# --- Properties ------------------------------------------------------------------------------

NUMBERS = ["1", "01", "2", "7", "007", "10", "22", "A1"]


@st.composite
def sessions(draw) -> tuple[list[EntryInput], list[LapInput]]:
    """A few cars of known and unknown classes, a few laps each, times that often tie."""
    chosen = draw(st.lists(st.sampled_from(NUMBERS), min_size=1, max_size=6, unique=True))
    entries, laps = [], []
    for entry_id, number in enumerate(chosen, start=1):
        entries.append(car(number, draw(st.sampled_from(["HYPERCAR", "LMGT3", "INNOVATIVE"])), entry_id=entry_id))
        elapsed = draw(st.integers(0, 2000))
        for lap_number in range(1, draw(st.integers(0, 6)) + 1):
            lap_time = draw(st.integers(90_000, 90_004))
            elapsed += lap_time
            laps.append(
                lap(
                    entry_id,
                    lap_number,
                    lap_time,
                    elapsed if draw(st.integers(0, 4)) else None,
                    deleted=draw(st.integers(0, 4)) == 0,
                    driver_id=draw(st.sampled_from([None, 1, 2, 3])),
                    driver=draw(st.sampled_from(["", "A", "B"])),
                )
            )
    return entries, laps


def classify_all(entries, laps, penalties=()) -> list[Classification]:
    return [
        qualifying(entries, laps),
        qualifying(entries, laps, rules=Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS)),
        race(entries, laps, penalties=penalties),
        race(entries, laps, penalties=penalties, rules=Rules(threshold_of_class_winner=True)),
    ]


def assert_well_formed(classification: Classification) -> None:
    positioned = [row for row in classification.rows if row.overall_position is not None]
    assert [row.overall_position for row in positioned] == list(range(1, len(positioned) + 1))
    assert classification.rows[: len(positioned)] == tuple(positioned)
    for info in classification.classes:
        class_rows = classification.rows_of_class(info.code)
        ranked = [row.class_position for row in class_rows if row.class_position is not None]
        assert ranked == list(range(1, len(ranked) + 1))
    for row in classification.rows[len(positioned) :]:
        assert row.status in UNPOSITIONED_STATUSES
        assert gaps(row) == NO_GAPS


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    session=sessions(),
    penalty_ms=st.lists(st.integers(0, 3), max_size=6),
    data=st.data(),
)
def test_classification_does_not_depend_on_lap_order(session, penalty_ms, data):
    entries, laps = session
    penalties = [PenaltyInput(entry_id=i + 1, kind=PenaltyKind.TIME, time_ms=ms) for i, ms in enumerate(penalty_ms)]
    shuffled = data.draw(st.permutations(laps))

    expected = classify_all(entries, laps, penalties)
    assert classify_all(entries, shuffled, penalties) == expected
    for classification in expected:
        assert_well_formed(classification)


def best_times(laps: list[LapInput], key) -> dict:
    best: dict = {}
    for item in laps:
        if not item.is_time_deleted:
            best[key(item)] = min(best.get(key(item), item.lap_time_ms), item.lap_time_ms)
    return best


@SETTINGS
@given(session=sessions(), data=st.data())
def test_deleting_a_time_that_is_not_a_best_never_changes_positions(session, data):
    entries, laps = session
    car_best = best_times(laps, lambda item: item.entry_id)
    driver_best = best_times(laps, lambda item: (item.entry_id, item.driver_id))

    def slower_than_best(item: LapInput, per_driver: bool) -> bool:
        if item.is_time_deleted or item.lap_time_ms <= car_best[item.entry_id]:
            return False
        if not per_driver or item.driver_id is None:
            return True
        return item.lap_time_ms > driver_best[(item.entry_id, item.driver_id)]

    for rules in (
        Rules(qualifying_rule=QualifyingRule.BEST_LAP),
        Rules(qualifying_rule=QualifyingRule.AVERAGE_TWO_DRIVERS),
    ):
        per_driver = rules.qualifying_rule == QualifyingRule.AVERAGE_TWO_DRIVERS
        candidates = [i for i, item in enumerate(laps) if slower_than_best(item, per_driver)]
        if not candidates:
            continue
        to_delete = set(data.draw(st.lists(st.sampled_from(candidates), min_size=1, unique=True)))
        edited = [replace(item, is_time_deleted=True) if i in to_delete else item for i, item in enumerate(laps)]
        assert positions(qualifying(entries, edited, rules=rules)) == positions(qualifying(entries, laps, rules=rules))
        assert positions(race(entries, edited)) == positions(race(entries, laps))
