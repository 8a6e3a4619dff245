"""The lap chart and gaps per class, hand-built races, hand-computed series."""

from events.core.charts import CarSeries, ChartLap, ClassSeries, lap_chart


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
        ),
        ClassSeries("LMGTE PRO", (CarSeries("91", (1, 1), (0, 0)),)),
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
