"""The lap chart from a real race: the 2026 Le Mans 24 Hours analysis file, read by the
importer's parser into ``lap_chart``, checked against the same file read here with the
``csv`` module and a converter of our own, and against values read from the file by hand.

The file is read from WEC_SAMPLE_DATA and never copied into the project.
"""

import csv
import os
from collections import defaultdict
from pathlib import Path

import pytest

from events.core.charts import CautionLaps, ChartLap, lap_chart
from events.importers.alkamel import open_lines, parse_analysis

SAMPLE_DATA = os.environ.get("WEC_SAMPLE_DATA")
FILE = "wec-2026-le-mans-24h-race-analysis.csv"
CLASSES = ("HYPERCAR", "LMP2", "LMGT3")

pytestmark = [
    pytest.mark.sample_data,
    pytest.mark.skipif(
        not SAMPLE_DATA, reason="WEC_SAMPLE_DATA is not set: the real Al Kamel files are not available here"
    ),
]


def elapsed_ms(text):
    """``3:43.488``, ``1:02:03.456`` or ``4:00'04.690`` in ms: written here, apart from the importer."""
    whole, millis = text.split(".")
    assert len(millis) == 3, text
    seconds = 0
    for part in whole.replace("'", ":").split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(millis)


def test_elapsed_converter():
    assert elapsed_ms("3:43.488") == 223_488
    assert elapsed_ms("24:03:01.030") == 86_581_030
    assert elapsed_ms("4:00'04.690") == 14_404_690


@pytest.fixture(scope="module")
def data():
    return (Path(SAMPLE_DATA) / FILE).read_bytes()


@pytest.fixture(scope="module")
def chart(data):
    laps = (
        ChartLap(
            number=lap.number,
            class_code=lap.class_code,
            lap_number=lap.lap_number,
            elapsed_ms=lap.elapsed_ms,
            lap_time_ms=lap.lap_time_ms,
            time_deleted=lap.time_deleted,
            pit_in=lap.crossed_line_in_pit,
            flag=lap.flag_at_line,
        )
        for lap in parse_analysis(open_lines(data))
    )
    return {series.code: series for series in lap_chart(laps, CLASSES)}


@pytest.fixture(scope="module")
def crossings(data):
    """Independently: class -> lap -> [(elapsed ms, car number)] in crossing order."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    reader = csv.reader(text.splitlines(), delimiter=";")
    header = [name.strip() for name in next(reader)]
    column = {name: header.index(name) for name in ("NUMBER", "LAP_NUMBER", "ELAPSED", "CLASS")}
    found = defaultdict(lambda: defaultdict(list))
    for row in reader:
        row = [cell.strip() for cell in row]
        found[row[column["CLASS"]]][int(row[column["LAP_NUMBER"]])].append(
            (elapsed_ms(row[column["ELAPSED"]]), row[column["NUMBER"]])
        )
    for laps in found.values():
        for crossed in laps.values():
            crossed.sort()
            # No two cars of a class cross at the same ms: the order needs no tie rule.
            assert len({ms for ms, _ in crossed}) == len(crossed)
    return {code: dict(laps) for code, laps in found.items()}


def chart_at(series, lap_number):
    """The chart's class order and gaps at the end of a lap: [(car, position, gap ms)]."""
    at = [
        (car.positions[lap_number - 1], car.number, car.gaps_ms[lap_number - 1])
        for car in series.cars
        if lap_number <= len(car.positions) and car.positions[lap_number - 1] is not None
    ]
    return [(number, gap) for _position, number, gap in sorted(at)]


def expected_at(crossings, code, lap_number):
    crossed = crossings[code][lap_number]
    return [(number, ms - crossed[0][0]) for ms, number in crossed]


def test_hypercar_after_lap_1_as_read_from_the_file(chart):
    # #20 crossed at 3:42.634, #12 at 3:43.488, #15 at 3:44.014.
    assert chart_at(chart["HYPERCAR"], 1)[:3] == [("20", 0), ("12", 854), ("15", 1380)]
    assert len(chart_at(chart["HYPERCAR"], 1)) == 18


def test_other_classes_after_lap_1_as_read_from_the_file(chart):
    # LMP2: #28 at 3:56.720, #30 at 3:57.261. LMGT3: #27 at 4:16.818, #87 at 4:18.985.
    assert chart_at(chart["LMP2"], 1)[:2] == [("28", 0), ("30", 541)]
    assert chart_at(chart["LMGT3"], 1)[:2] == [("27", 0), ("87", 2167)]


def test_hypercar_on_its_last_lap_as_read_from_the_file(chart):
    # Lap 381: #7 at 24:03:01.030, #20 at 24:03:11.943, #8 at 24:03:21.447.
    hypercar = chart["HYPERCAR"]
    assert max(len(car.positions) for car in hypercar.cars) == 381
    assert chart_at(hypercar, 381) == [
        ("7", 0),
        ("20", 10_913),
        ("8", 20_417),
        ("12", 32_381),
        ("51", 142_423),
        ("35", 150_205),
        ("83", 155_573),
    ]
    assert [car.number for car in hypercar.cars[:3]] == ["7", "20", "8"]


def test_chosen_laps_hard_coded(chart):
    assert chart_at(chart["HYPERCAR"], 100)[:4] == [("38", 0), ("20", 31_647), ("8", 35_206), ("12", 41_267)]
    assert chart_at(chart["HYPERCAR"], 200)[:3] == [("12", 0), ("20", 30_060), ("8", 33_063)]
    assert chart_at(chart["LMP2"], 200)[:2] == [("343", 0), ("30", 15_379)]
    assert chart_at(chart["LMGT3"], 100)[:2] == [("91", 0), ("78", 8_625)]


def test_lmp2_and_lmgt3_at_the_end_as_read_from_the_file(chart):
    # LMP2 lap 360: #43 at 24:02:39.900, #343 at 24:03:07.994, #29 at 24:03:20.959; only #43 did 361.
    assert chart_at(chart["LMP2"], 360)[:3] == [("43", 0), ("343", 28_094), ("29", 41_059)]
    assert chart_at(chart["LMP2"], 361) == [("43", 0)]
    # LMGT3 lap 335: #33 at 24:02:47.912, #78 at 24:03:08.533, #23 at 24:04:13.931; only #33 did 336.
    assert chart_at(chart["LMGT3"], 335)[:3] == [("33", 0), ("78", 20_621), ("23", 86_019)]
    assert chart_at(chart["LMGT3"], 336) == [("33", 0)]
    assert [car.number for car in chart["LMP2"].cars[:3]] == ["43", "343", "29"]
    assert [car.number for car in chart["LMGT3"].cars[:3]] == ["33", "78", "23"]


@pytest.mark.parametrize("code", CLASSES)
@pytest.mark.parametrize("lap_number", [1, 2, 100, 200, 300, "last"])
def test_order_and_gaps_at_chosen_laps_match_an_independent_reading(chart, crossings, code, lap_number):
    if lap_number == "last":  # the class's last lap: 381 for the Hypercar leader
        lap_number = max(crossings[code])
    expected = expected_at(crossings, code, lap_number)
    assert expected
    assert chart_at(chart[code], lap_number) == expected


def test_every_lap_of_every_class_matches_the_independent_reading(chart, crossings):
    assert list(chart) == list(CLASSES)
    for code in CLASSES:
        laps = max(crossings[code])
        for lap_number in range(1, laps + 1):
            assert chart_at(chart[code], lap_number) == expected_at(crossings, code, lap_number), (code, lap_number)


def test_sixty_two_cars_and_positions_one_to_n_on_every_lap(chart, crossings):
    assert sum(len(series.cars) for series in chart.values()) == 62
    assert {code: len(series.cars) for code, series in chart.items()} == {"HYPERCAR": 18, "LMP2": 19, "LMGT3": 25}
    for code, series in chart.items():
        laps = max(crossings[code])
        for car in series.cars:
            assert len(car.positions) == len(car.gaps_ms) == laps
            assert [p is None for p in car.positions] == [g is None for g in car.gaps_ms]
        for lap_number in range(1, laps + 1):
            places = sorted(
                car.positions[lap_number - 1] for car in series.cars if car.positions[lap_number - 1] is not None
            )
            assert places == list(range(1, len(crossings[code][lap_number]) + 1)), (code, lap_number)


def test_cars_come_in_order_of_laps_then_time_at_their_last_lap(chart, crossings):
    for code, series in chart.items():
        last = {}
        for lap_number, crossed in crossings[code].items():
            for ms, number in crossed:
                if lap_number > last.get(number, (0, 0))[0]:
                    last[number] = (lap_number, ms)
        expected = sorted(last, key=lambda number: (-last[number][0], last[number][1]))
        assert [car.number for car in series.cars] == expected, code


@pytest.fixture(scope="module")
def rows(data):
    """Independently: every row of the file as {column: stripped text}."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    reader = csv.reader(text.splitlines(), delimiter=";")
    header = [name.strip() for name in next(reader)]
    return [dict(zip(header, (cell.strip() for cell in row), strict=False)) for row in reader]


def test_pit_laps_are_the_rows_crossing_the_line_in_the_pit_lane(chart, rows):
    expected = defaultdict(list)
    for row in rows:
        if row["CROSSING_FINISH_LINE_IN_PIT"] == "B":
            expected[row["NUMBER"]].append(int(row["LAP_NUMBER"]))
    found = {car.number: car.pit_laps for series in chart.values() for car in series.cars}
    assert found == {number: tuple(sorted(expected.get(number, []))) for number in found}
    # Read from the file: the winning #7 first came in at the end of laps 8, 20 and 33.
    assert found["7"][:3] == (8, 20, 33)


def test_caution_laps_match_an_independent_reading_of_the_flags(chart, rows, crossings):
    # Runs of crossings under one caution flag, all cars in race time: the file's first full
    # course yellow from 3:05:38.005 to 3:07:43.326, its first safety car from 7:38:19.059.
    flags = sorted((elapsed_ms(row["ELAPSED"]), row["FLAG_AT_FL"]) for row in rows)
    periods = []
    for ms, flag in flags:
        if flag in {"FCY", "SF", "RF"}:
            if periods and periods[-1][0] == flag and periods[-1][3]:
                periods[-1][2] = ms
            else:
                periods.append([flag, ms, ms, True])
        elif periods:
            periods[-1][3] = False
    assert [(flag, start, end) for flag, start, end, _open in periods[:2]] == [
        ("FCY", 11_138_005, 11_263_326),
        ("SF", 27_499_059, 29_971_220),
    ]
    assert len(periods) == 10
    worst = {"RF": 0, "SF": 1, "FCY": 2}
    for code in CLASSES:
        expected = []
        lap_start = 0
        for lap_number in range(1, max(crossings[code]) + 1):
            lap_end = crossings[code][lap_number][0][0]
            hit = sorted((worst[f], f) for f, start, end, _ in periods if start <= lap_end and end > lap_start)
            lap_start = lap_end
            if hit:
                expected.append((lap_number, hit[0][1]))
        found = [(lap, run.flag) for run in chart[code].cautions for lap in range(run.first_lap, run.last_lap + 1)]
        assert found == expected, code
    # Read from the file: #20 led Hypercar over the line on lap 52 at 3:06:13.745 under the FCY
    # (3:05:38.005 to 3:07:43.326) and on lap 53 at 3:11:02.796 under green: laps 52 and 53.
    assert chart["HYPERCAR"].cautions[0] == CautionLaps("FCY", 52, 53)
