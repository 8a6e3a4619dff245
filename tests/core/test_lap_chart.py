"""The lap chart and gaps per class, hand-built races, hand-computed series."""

from events.core.charts import CarSeries, CautionLaps, CautionPeriod, ChartLap, ClassSeries, lap_chart
from events.core.charts.axis import lap_at, laps_between, time_ticks
from events.core.charts.cautions import caution_laps, caution_periods
from events.core.charts.lapchart import gaps_to_car


def laps_of(number, class_code, *elapsed):
    return [
        ChartLap(number=number, class_code=class_code, lap_number=k, elapsed_ms=ms)
        for k, ms in enumerate(elapsed, start=1)
    ]


def test_positions_and_gaps_per_class_at_the_end_of_each_lap():
    laps = [
        *laps_of("8", "HYPERCAR", 100_000, 200_500, 300_900),
        *laps_of("36", "HYPERCAR", 100_094, 200_400, 301_000),
        *laps_of("7", "HYPERCAR", 100_300, 201_000),  # stops after lap 2
        *laps_of("91", "LMGTE PRO", 110_000, 220_000),
    ]
    assert lap_chart(laps, ["HYPERCAR", "LMGTE PRO"]) == (
        ClassSeries(
            "HYPERCAR",
            (
                CarSeries("8", (1, 2, 1), (0, 100, 0)),
                CarSeries("36", (2, 1, 2), (94, 0, 100)),
                CarSeries("7", (3, 3, None), (300, 600, None)),
            ),
            leader_elapsed_ms=(100_000, 200_400, 300_900),
        ),
        ClassSeries("LMGTE PRO", (CarSeries("91", (1, 1), (0, 0)),), leader_elapsed_ms=(110_000, 220_000)),
    )


def test_a_lapped_car_is_compared_at_its_own_lap_count():
    laps = [*laps_of("1", "LMP2", 100_000, 200_000, 300_000), *laps_of("2", "LMP2", 150_000, 310_000)]
    (lmp2,) = lap_chart(laps)
    # Lap 2 of #2 at 310,000 against the leader's lap 2 at 200,000: 110 s, more than a lap.
    assert lmp2.cars == (CarSeries("1", (1, 1, 1), (0, 0, 0)), CarSeries("2", (2, 2, None), (50_000, 110_000, None)))


def test_equal_times_go_by_car_number_and_a_lap_without_time_is_not_completed():
    laps = [
        *laps_of("7", "HYPERCAR", 100_000, 200_000),
        *laps_of("007", "HYPERCAR", 100_000, None),
    ]
    (hypercar,) = lap_chart(laps)
    assert hypercar.cars == (CarSeries("7", (1, 1), (0, 0)), CarSeries("007", (2, None), (0, None)))


def test_classes_follow_the_order_given_then_the_others():
    laps = [*laps_of("50", "LMGT3", 120_000), *laps_of("36", "HYPERCAR", 100_000), *laps_of("22", "LMP2", 105_000)]
    assert [series.code for series in lap_chart(laps, ["HYPERCAR", "LMGT3"])] == ["HYPERCAR", "LMGT3", "LMP2"]
    assert lap_chart([]) == ()


def test_pit_laps_are_each_cars_in_laps_and_a_lap_without_time_still_counts_as_one():
    laps = [
        ChartLap("8", "HYPERCAR", 1, 100_000),
        ChartLap("8", "HYPERCAR", 2, 230_000, pit_in=True),
        ChartLap("8", "HYPERCAR", 3, None, pit_in=True),
        ChartLap("36", "HYPERCAR", 1, 100_500),
    ]
    (hypercar,) = lap_chart(laps)
    assert [(car.number, car.pit_laps) for car in hypercar.cars] == [("8", (2, 3)), ("36", ())]


def test_caution_periods_are_unbroken_runs_of_crossings_under_one_flag_all_cars_together():
    crossings = [
        (100_000, "GF"),
        (101_000, "FCY"),
        (103_000, "FCY"),
        (102_000, ""),  # unknown flag breaks the run: 101,000 alone, then 103,000
        (150_000, "SF"),
        (180_000, "SF"),
        (181_000, "FCY"),  # a new flag, a new period
        (200_000, "FF"),
        (210_000, "RF"),
    ]
    assert caution_periods(crossings) == (
        CautionPeriod("FCY", 101_000, 101_000),
        CautionPeriod("FCY", 103_000, 103_000),
        CautionPeriod("SF", 150_000, 180_000),
        CautionPeriod("FCY", 181_000, 181_000),
        CautionPeriod("RF", 210_000, 210_000),
    )


def test_a_class_lap_is_under_caution_when_its_leaders_lap_overlaps_a_period_the_worst_flag_naming_it():
    periods = (CautionPeriod("FCY", 150_000, 260_000), CautionPeriod("SF", 290_000, 310_000))
    # Laps end at 100 s, 200 s, 300 s, (nobody completed lap 4), 400 s, 500 s.
    leader = (100_000, 200_000, 300_000, None, 400_000, 500_000)
    assert caution_laps(leader, periods) == (
        CautionLaps("FCY", 2, 2),  # lap 2: 100-200 s overlaps the FCY from 150 s
        CautionLaps("SF", 3, 3),  # lap 3: 200-300 s overlaps both: the safety car names it
        CautionLaps("SF", 5, 5),  # lap 5: 300-400 s (from lap 3's end) overlaps the SC until 310 s
    )
    assert caution_laps(leader, ()) == ()


def test_the_lap_chart_carries_each_class_caution_laps_from_every_cars_flags():
    laps = [
        ChartLap("8", "HYPERCAR", 1, 100_000, flag="GF"),
        ChartLap("8", "HYPERCAR", 2, 200_000, flag="GF"),
        ChartLap("8", "HYPERCAR", 3, 330_000, flag="FCY"),
        ChartLap("8", "HYPERCAR", 4, 460_000, flag="FCY"),
        ChartLap("8", "HYPERCAR", 5, 560_000, flag="GF"),
        ChartLap("91", "LMGT3", 1, 120_000, flag="GF"),
        ChartLap("91", "LMGT3", 2, 240_000, flag="GF"),
        ChartLap("91", "LMGT3", 3, 360_000, flag="FCY"),
        ChartLap("91", "LMGT3", 4, 480_000, flag="GF"),
    ]
    hypercar, lmgt3 = lap_chart(laps)
    # One period, 330-460 s (the #8's and #91's crossings under FCY in between).
    assert hypercar.cautions == (CautionLaps("FCY", 3, 4),)  # laps 200-330 and 330-460 s
    assert lmgt3.cautions == (CautionLaps("FCY", 3, 4),)  # laps 240-360 and 360-480 s
    assert lmgt3.leader_elapsed_ms == (120_000, 240_000, 360_000, 480_000)


LEADER = (100_000, 200_000, None, 400_000, 500_000)  # nobody completed lap 3 (a timing gap)


def test_race_time_falls_on_the_lap_axis_at_the_leaders_pace():
    assert lap_at(LEADER, 0) == 0
    assert lap_at(LEADER, 50_000) == 0.5
    assert lap_at(LEADER, 200_000) == 2
    assert lap_at(LEADER, 300_000) == 3  # halfway from lap 2 (200 s) to lap 4 (400 s)
    assert lap_at(LEADER, 500_001) is None


def test_time_ticks_are_round_minutes_at_most_twelve():
    # 500 s: every 10 minutes is none after 0; a 25-hour leader at 10 h a lap gives 2 h steps.
    assert time_ticks(LEADER, 1, 5) == []
    hours = tuple(lap * 36_000_000 for lap in range(1, 3))  # 10 h a lap, 2 laps
    assert time_ticks(hours, 1, 2) == [(120, 0.2), (240, 0.4), (360, 0.6), (480, 0.8), (600, 1.0), (720, 1.2),
                                       (840, 1.4), (960, 1.6), (1080, 1.8), (1200, 2.0)]  # fmt: skip
    # Zoomed to lap 2 (10 h to 20 h): ticks from 10 h.
    assert time_ticks(hours, 2, 2)[0] == (600, 1.0)


def test_an_hour_range_is_the_laps_that_span_it():
    assert laps_between(LEADER, 150_000, 420_000) == (1, 5)
    assert laps_between(LEADER, 200_000, 400_000) == (2, 4)
    assert laps_between(LEADER, 0, 100_000) == (1, 1)
    assert laps_between(LEADER, 450_000, 9_000_000) == (4, 5)  # to the last lap
    assert laps_between(LEADER, 500_000, 9_000_000) is None  # the class had finished


def test_gaps_to_a_chosen_car_are_negative_ahead_of_it_and_none_where_either_did_not_complete_the_lap():
    laps = [
        *laps_of("8", "HYPERCAR", 100_000, 200_500, 300_900),
        *laps_of("36", "HYPERCAR", 100_094, 200_400, 301_000),
        *laps_of("7", "HYPERCAR", 100_300, 201_000),
    ]
    (hypercar,) = lap_chart(laps)
    to_36 = gaps_to_car(hypercar, "36")
    assert [(car.number, car.gaps_ms) for car in to_36.cars] == [
        ("8", (-94, 100, -100)),
        ("36", (0, 0, 0)),
        ("7", (206, 600, None)),
    ]
    assert to_36.cars[0].positions == (1, 2, 1)
    assert gaps_to_car(hypercar, "99") is None
