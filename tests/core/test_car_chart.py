"""One car's lap times, stints and drivers' best laps: hand-built laps, hand-computed series."""

from events.core.charts import CarLap, CarLapSeries, ChartLap, DriverBest, Stint, car_lap_series

CONWAY, KOBAYASHI, OBRIEN = ("1", "Mike Conway"), ("2", "Kamui Kobayashi"), ("3", "O'Brien <b>")
UNKNOWN = ("", "")


def lap(lap_number, ms, driver=CONWAY, *, deleted=False, pit_in=False, flag="GF"):
    key, name = driver
    return ChartLap(
        number="7", class_code="HYPERCAR", lap_number=lap_number, elapsed_ms=None, lap_time_ms=ms,
        time_deleted=deleted, driver=key, driver_name=name, pit_in=pit_in, flag=flag,
    )  # fmt: skip


RACE = [
    lap(1, 100_000),
    lap(2, 98_000),
    lap(3, 98_000),  # as fast as lap 2: the earlier lap is the best
    lap(4, 120_000, pit_in=True),
    lap(5, 130_000, KOBAYASHI),  # the out-lap
    lap(6, 97_500, KOBAYASHI, deleted=True),  # the fastest time, deleted: never a best lap
    lap(7, 99_000, KOBAYASHI, flag="SF"),
    lap(8, None, KOBAYASHI),  # no time: still a lap of the stint
    lap(9, 99_500, OBRIEN),  # a driver change without a stop
    lap(10, 101_000, UNKNOWN),  # nobody known: the unknown driver's own stint
]


def test_each_lap_with_its_driver_pit_marks_and_flag():
    series = car_lap_series("7", reversed(RACE))  # any order in, lap order out
    assert series.laps == (
        CarLap(1, 100_000, "1", deleted=False, pit_in=False, pit_out=False, flag="GF"),
        CarLap(2, 98_000, "1", deleted=False, pit_in=False, pit_out=False, flag="GF"),
        CarLap(3, 98_000, "1", deleted=False, pit_in=False, pit_out=False, flag="GF"),
        CarLap(4, 120_000, "1", deleted=False, pit_in=True, pit_out=False, flag="GF"),
        CarLap(5, 130_000, "2", deleted=False, pit_in=False, pit_out=True, flag="GF"),
        CarLap(6, 97_500, "2", deleted=True, pit_in=False, pit_out=False, flag="GF"),
        CarLap(7, 99_000, "2", deleted=False, pit_in=False, pit_out=False, flag="SF"),
        CarLap(8, None, "2", deleted=False, pit_in=False, pit_out=False, flag="GF"),
        CarLap(9, 99_500, "3", deleted=False, pit_in=False, pit_out=False, flag="GF"),
        CarLap(10, 101_000, "", deleted=False, pit_in=False, pit_out=False, flag="GF"),
    )
    assert [item.caution for item in series.laps] == [False] * 6 + [True, False, False, False]


def test_stints_end_at_an_in_lap_or_a_driver_change_with_their_best_valid_lap():
    assert car_lap_series("7", RACE).stints == (
        Stint("1", first_lap=1, last_lap=4, laps=4, best_lap_ms=98_000, best_lap=2, pit_in=True),
        Stint("2", first_lap=5, last_lap=8, laps=4, best_lap_ms=99_000, best_lap=7, pit_in=False),
        Stint("3", first_lap=9, last_lap=9, laps=1, best_lap_ms=99_500, best_lap=9, pit_in=False),
        Stint("", first_lap=10, last_lap=10, laps=1, best_lap_ms=101_000, best_lap=10, pit_in=False),
    )


def test_each_driver_best_valid_lap_in_order_of_their_first_lap():
    series = car_lap_series("7", RACE)
    assert series.drivers == (
        DriverBest("1", "Mike Conway", 98_000, 2),
        DriverBest("2", "Kamui Kobayashi", 99_000, 7),  # not the deleted 97,500 of lap 6
        DriverBest("3", "O'Brien <b>", 99_500, 9),
        DriverBest("", "", 101_000, 10),
    )
    assert (series.driver_index(""), series.driver_name("2")) == (3, "Kamui Kobayashi")


def test_a_pit_lane_start_is_no_out_lap_and_a_drive_through_is_a_stint_of_one_lap():
    series = car_lap_series(
        "7",
        [
            lap(1, 140_000),  # from the pit lane: lap 1 has no in-lap before it
            lap(2, 100_000, pit_in=True),
            lap(3, 125_000, pit_in=True),  # out of the pits and straight back in: a drive-through
            lap(4, 110_000),
            lap(6, 99_000, pit_in=True),  # lap 5 is missing from timing
            lap(8, 101_000),  # lap 7 is missing: the in-lap before it is not lap 7
        ],
    )
    assert [(item.lap, item.pit_out) for item in series.laps] == [
        (1, False), (2, False), (3, True), (4, True), (6, False), (8, False)
    ]  # fmt: skip
    assert series.stints == (
        Stint("1", 1, 2, 2, 100_000, 2, pit_in=True),
        Stint("1", 3, 3, 1, 125_000, 3, pit_in=True),
        Stint("1", 4, 6, 2, 99_000, 6, pit_in=True),
        Stint("1", 8, 8, 1, 101_000, 8, pit_in=False),
    )


def test_a_driver_with_only_deleted_times_or_none_has_no_best_lap():
    series = car_lap_series("7", [lap(1, 95_000, deleted=True), lap(2, None), lap(3, 99_000, KOBAYASHI)])
    assert series.drivers == (DriverBest("1", "Mike Conway", None, None), DriverBest("2", "Kamui Kobayashi", 99_000, 3))
    assert series.stints[0] == Stint("1", 1, 2, 2, None, None, pit_in=False)


def test_caution_flags_are_safety_car_full_course_yellow_and_red():
    flags = ["GF", "SF", "FCY", "FF", "RF", ""]
    series = car_lap_series("7", [lap(k, 100_000, flag=flag) for k, flag in enumerate(flags, start=1)])
    assert [item.caution for item in series.laps] == [False, True, True, False, True, False]


def test_a_car_without_laps_has_no_series():
    assert car_lap_series("7", []) == CarLapSeries("7", (), (), ())
