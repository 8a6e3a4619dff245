"""The Al Kamel parsers (pure: no database), on our own small fixture files."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.importers.alkamel import (
    ANALYSIS,
    CLASSIFICATION,
    AlkamelError,
    DriverName,
    detect_layout,
    open_lines,
    parse_analysis,
    parse_classification,
    split_driver_name,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "alkamel"


def lines_of(name):
    return open_lines((FIXTURES / name).read_bytes())


def test_old_layout_with_bom_crlf_and_padded_header():
    laps = list(parse_analysis(lines_of("analysis-2021-layout.csv")))
    assert [(lap.number, lap.lap_number, lap.lap_time_ms) for lap in laps] == [
        ("36", 1, 118214),
        ("36", 2, 90877),
        ("36", 3, 90364),
        ("28", 1, 121020),
        ("28", 2, 91164),
    ]
    pole = laps[2]
    assert pole.driver == DriverName("Matthieu", "Vaxiviere")
    assert (pole.sector_1_ms, pole.sector_2_ms, pole.sector_3_ms) == (28012, 34330, 28022)
    assert (pole.crossed_line_in_pit, pole.pit_time_ms, pole.lap_improvement) == (True, 41250, 2)
    assert (pole.elapsed_ms, pole.time_of_day, pole.top_speed_kph) == (
        299455,
        dt.time(15, 29, 59, 455000),
        Decimal("302.0"),
    )
    assert (pole.class_code, pole.group, pole.team, pole.manufacturer, pole.flag_at_line) == (
        "HYPERCAR",
        "",
        "Alpine Elf Matmut",
        "Alpine",
        "",
    )
    assert (pole.line, laps[0].top_speed_kph) == (4, None)


def test_new_layout_with_flags_groups_long_elapsed_and_empty_sectors():
    laps = list(parse_analysis(lines_of("analysis-new-layout.csv")))
    assert [lap.number for lap in laps] == ["007", "007", "7", "7", "7", "23"]
    assert [lap.flag_at_line for lap in laps] == ["GF", "GF", "SF", "FCY", "GF", "RF"]
    assert [lap.group for lap in laps] == ["H", "H", "H", "H", "H", "P/A"]
    empty_sectors = laps[2]
    assert (empty_sectors.sector_1_ms, empty_sectors.sector_2_ms, empty_sectors.sector_3_ms) == (None, None, 101000)
    assert laps[3].elapsed_ms == 24 * 3_600_000 + 2_300 and laps[3].crossed_line_in_pit is True
    assert laps[4].driver == DriverName("Marie-Claire", "Dubois-Leroy") and laps[4].pit_time_ms == 65400
    assert laps[2].driver == DriverName("Luc", "Van Der Berg")


def test_classification_file():
    rows = list(parse_classification(lines_of("classification.csv")))
    first = rows[0]
    assert (first.position, first.number, first.team, first.status, first.laps, first.total_time_ms) == (
        1,
        "12",
        "Harbour Racing",
        "classified",
        140,
        14410120,
    )
    assert first.drivers == (DriverName("Jon", "Eriksen"), DriverName("Paula", "Méndez"))
    assert (first.fastest_lap_number, first.fastest_lap_ms, first.fastest_lap_kph) == (44, 95800, Decimal("184.3"))
    assert [(row.gap_first, row.gap_previous) for row in rows[1:4]] == [
        ("20.885", "20.885"),
        ("9 Laps", "9 Laps"),
        ("9 Laps", "1'12.400"),
    ]
    assert [(row.position, row.status) for row in rows[4:]] == [(None, "not_classified"), (None, "retired")]
    assert rows[5].total_time_ms == 1300000


def test_layout_is_detected():
    assert detect_layout(["NUMBER", " LAP_NUMBER"]) == ANALYSIS
    assert detect_layout(["POSITION", "NUMBER", "STATUS"]) == CLASSIFICATION
    with pytest.raises(AlkamelError, match="line 1: this is not an Al Kamel"):
        detect_layout(["A", "B"])


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("error-bad-time.csv", "line 3: LAP_TIME: “1:3x.877” is not a time; write it like 1:30.364."),
        ("error-missing-column.csv", "line 1: missing column DRIVER_NAME"),
        ("error-no-car-number.csv", "line 4: NUMBER is empty: a lap row needs a car number"),
        ("error-duplicate-lap.csv", "line 4: car #36 lap 2 is already on line 3"),
        ("error-empty.csv", "line 1: the file is empty"),
    ],
)
def test_errors_name_the_line(name, message):
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(lines_of(name)))
    assert str(raised.value) == message


def test_a_picture_is_not_a_timing_file():
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
    assert str(raised.value) == "line 1: this is a binary file, not a CSV timing file"


def test_latin1_text_is_refused_with_its_line():
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines("NUMBER;LAP_NUMBER\n1;2\nJos\xe9;3\n".encode("latin-1"))))
    assert str(raised.value) == "line 3: the file is not UTF-8 text"


def test_wrong_parser_for_the_layout():
    with pytest.raises(AlkamelError, match="^line 1: this is a classification file"):
        list(parse_analysis(lines_of("classification.csv")))
    with pytest.raises(AlkamelError, match="^line 1: this is a lap-by-lap analysis file"):
        list(parse_classification(lines_of("analysis-2021-layout.csv")))


def test_split_driver_name():
    assert split_driver_name("Harry TINCKNELL") == DriverName("Harry", "Tincknell")
    assert split_driver_name("Jose Maria LOPEZ") == DriverName("Jose Maria", "Lopez")
    assert split_driver_name("NAKAJIMA") == DriverName("", "Nakajima")
    assert split_driver_name("Plain Name") == DriverName("Plain", "Name")
    assert split_driver_name("  ") == DriverName("", "")


HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; CROSSING_FINISH_LINE_IN_PIT; S1; S2; S3; ELAPSED; HOUR;"
    "TOP_SPEED;DRIVER_NAME;PIT_TIME;CLASS;GROUP;TEAM;MANUFACTURER;FLAG_AT_FL;"
)
GOOD_ROW = "7;1;1;1:30.364;;28.000;34.000;28.364;1:30.364;15:00:00.000;300.1;Ana MARTINS;;HYPERCAR;;Team;Make;GF;"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40), min_size=1, max_size=18),
    st.integers(min_value=0, max_value=17),
)
def test_fuzzed_rows_fail_only_with_a_line_number(fields, position):
    cells = GOOD_ROW.split(";")
    for index, value in enumerate(fields):
        cells[(position + index) % len(cells)] = value
    text = HEADER + "\n" + GOOD_ROW + "\n" + ";".join(cells) + "\n"
    try:
        laps = list(parse_analysis(open_lines(text.encode("utf-8"))))
    except AlkamelError as error:
        assert 1 <= error.line <= text.count("\n") + text.count("\r") + 1
        assert str(error).startswith(f"line {error.line}: ") and error.message
    else:
        assert all(lap.lap_time_ms > 0 for lap in laps)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_fail_only_with_a_line_number(data):
    try:
        list(parse_analysis(open_lines(data)))
        list(parse_classification(open_lines(data)))
    except AlkamelError as error:
        assert error.line >= 1 and str(error).startswith(f"line {error.line}: ") and error.message


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        (2, "¹", "line 3: LAP_NUMBER “¹” is not a whole number"),  # str.isdigit() says yes, int() says no
        (1, "²", "line 3: DRIVER_NUMBER “²” is not a whole number"),
        (3, "1:30.36³", "line 3: LAP_TIME: “1:30.36³” is not a time; write it like 1:30.364."),
    ],
)
def test_digits_that_are_not_decimal_are_refused_with_their_line(cell, value, message):
    cells = GOOD_ROW.split(";")
    cells[2] = "2"  # the second lap of the car
    cells[cell] = value
    text = HEADER + "\n" + GOOD_ROW + "\n" + ";".join(cells) + "\n"
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines(text.encode("utf-8"))))
    assert str(raised.value) == message


def analysis_with(*rows: str) -> bytes:
    return (HEADER + "\n" + "".join(row + "\n" for row in rows)).encode("utf-8")


@pytest.mark.parametrize("data", [analysis_with(), analysis_with("", ";;;"), HEADER.encode("utf-8")])
def test_a_header_without_rows_is_refused(data):
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines(data)))
    assert str(raised.value) == "line 1: the file has no rows, only a header line"


def test_a_row_cut_short_is_refused_with_its_field_count():
    cut = GOOD_ROW[: GOOD_ROW.index(";Team")]  # the file ends in the middle of the row
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines(analysis_with(GOOD_ROW, cut.replace("7;1;1;", "7;1;2;", 1)))))
    assert str(raised.value) == "line 3: only 15 fields where the header has 18: the line is cut short"


def test_a_row_without_the_trailing_separator_is_whole():
    laps = list(parse_analysis(open_lines(analysis_with(GOOD_ROW.removesuffix(";")))))
    assert [(lap.number, lap.team, lap.manufacturer, lap.flag_at_line) for lap in laps] == [("7", "Team", "Make", "GF")]


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        (2, "99999999999", "line 3: LAP_NUMBER 99999999999 is too large"),
        (2, "2147483648", "line 3: LAP_NUMBER 2147483648 is too large"),
        (1, "2147483648", "line 3: DRIVER_NUMBER 2147483648 is too large"),
        (3, "596:31:23.648", "line 3: LAP_TIME 596:31:23.648 is too large"),
        (5, "99999999:00.000", "line 3: S1 99999999:00.000 is too large"),
        (12, "99999999:00.000", "line 3: PIT_TIME 99999999:00.000 is too large"),
        (8, "9999999999999999:00:00.000", "line 3: ELAPSED 9999999999999999:00:00.000 is too large"),
        (10, "9999.95", "line 3: TOP_SPEED 9999.95 is too large"),
        (10, "1e40", "line 3: TOP_SPEED 1e40 is too large"),
    ],
)
def test_numbers_too_large_for_the_database_are_refused(cell, value, message):
    cells = GOOD_ROW.split(";")
    cells[2] = "2"
    cells[cell] = value
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines(analysis_with(GOOD_ROW, ";".join(cells)))))
    assert str(raised.value) == message


def test_the_largest_numbers_the_database_holds_are_read():
    cells = GOOD_ROW.split(";")
    cells[2], cells[3], cells[10] = "2147483647", "596:31:23.647", "9999.94"
    lap = list(parse_analysis(open_lines(analysis_with(";".join(cells)))))[0]
    assert (lap.lap_number, lap.lap_time_ms, lap.top_speed_kph) == (2147483647, 2147483647, Decimal("9999.9"))


CLASSIFICATION_HEADER = "POSITION;NUMBER;TEAM;DRIVER_1;CLASS;STATUS;LAPS;TOTAL_TIME;FL_LAPNUM;FL_TIME;FL_KPH;"
CLASSIFICATION_ROW = "1;7;Team;Ana MARTINS;HYPERCAR;Classified;140;6:00:00.000;44;1:35.800;184.3;"


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        (0, "2147483648", "line 2: POSITION 2147483648 is too large"),
        (6, "99999999999", "line 2: LAPS 99999999999 is too large"),
        (7, "9999999999999999:00:00.000", "line 2: TOTAL_TIME 9999999999999999:00:00.000 is too large"),
        (8, "2147483648", "line 2: FL_LAPNUM 2147483648 is too large"),
        (9, "99999999:00.000", "line 2: FL_TIME 99999999:00.000 is too large"),
        (10, "10000", "line 2: FL_KPH 10000 is too large"),
    ],
)
def test_classification_numbers_too_large_for_the_database_are_refused(cell, value, message):
    cells = CLASSIFICATION_ROW.split(";")
    cells[cell] = value
    with pytest.raises(AlkamelError) as raised:
        list(parse_classification(open_lines(f"{CLASSIFICATION_HEADER}\n{';'.join(cells)}\n".encode())))
    assert str(raised.value) == message


def test_a_classification_header_without_rows_is_refused():
    with pytest.raises(AlkamelError) as raised:
        list(parse_classification(open_lines(CLASSIFICATION_HEADER.encode())))
    assert str(raised.value) == "line 1: the file has no rows, only a header line"


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        (11, "Ana " + "M" * 97, "line 3: DRIVER_NAME is 101 characters long; the database holds 100"),
        (13, "X" * 31, "line 3: CLASS is 31 characters long; the database holds 30"),
        (14, "G" * 21, "line 3: GROUP is 21 characters long; the database holds 20"),
        (15, "T" * 201, "line 3: TEAM is 201 characters long; the database holds 200"),
        (16, "M" * 61, "line 3: MANUFACTURER is 61 characters long; the database holds 60"),
    ],
)
def test_texts_too_long_for_the_database_are_refused(cell, value, message):
    cells = GOOD_ROW.split(";")
    cells[2] = "2"
    cells[cell] = value
    with pytest.raises(AlkamelError) as raised:
        list(parse_analysis(open_lines(analysis_with(GOOD_ROW, ";".join(cells)))))
    assert str(raised.value) == message


def test_texts_as_long_as_the_database_holds_are_read():
    cells = GOOD_ROW.split(";")
    cells[13], cells[14], cells[15], cells[16] = "X" * 30, "G" * 20, "T" * 200, "M" * 60
    lap = list(parse_analysis(open_lines(analysis_with(";".join(cells)))))[0]
    assert (len(lap.class_code), len(lap.group), len(lap.team), len(lap.manufacturer)) == (30, 20, 200, 60)


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        (2, "T" * 201, "line 2: TEAM is 201 characters long; the database holds 200"),
        (3, "D" * 101, "line 2: DRIVER_1 is 101 characters long; the database holds 100"),
        (4, "X" * 31, "line 2: CLASS is 31 characters long; the database holds 30"),
    ],
)
def test_classification_texts_too_long_for_the_database_are_refused(cell, value, message):
    cells = CLASSIFICATION_ROW.split(";")
    cells[cell] = value
    with pytest.raises(AlkamelError) as raised:
        list(parse_classification(open_lines(f"{CLASSIFICATION_HEADER}\n{';'.join(cells)}\n".encode())))
    assert str(raised.value) == message


def test_a_gap_too_long_for_the_database_is_refused():
    header = CLASSIFICATION_HEADER + "GAP_FIRST;"
    row = CLASSIFICATION_ROW + "1234567890123456789012 Laps;"
    with pytest.raises(AlkamelError) as raised:
        list(parse_classification(open_lines(f"{header}\n{row}\n".encode())))
    assert str(raised.value) == "line 2: GAP_FIRST is 27 characters long; the database holds 20"
