"""Time text in and out (pure: no database)."""

import pytest

from events.core.laptime import (
    TimeFormatError,
    format_gap,
    format_lap_time,
    format_laps_behind,
    parse_lap_time,
    parse_time_ms,
)


@pytest.mark.parametrize(
    ("text", "expected_ms"),
    [
        ("1:30.364", 90364),
        ("1: 30.364", 90364),
        ("1'30.364", 90364),
        ("90.364", 90364),
        ("1:30,364", 90364),
        ("1:02:03.456", 3723456),
        ("  1:30.364  ", 90364),
        ("1:30.3", 90300),
        ("1:30.36", 90360),
        ("1:30", 90000),
        ("0:35.849", 35849),
        ("35.849", 35849),
        ("4:00'04.690", 14404690),
        ("25:01:02.003", 90062003),
    ],
)
def test_parse_lap_time_accepts(text, expected_ms):
    assert parse_lap_time(text) == expected_ms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1:60.000", "“1:60.000” has 60 seconds; seconds must be below 60."),
        ("1:02:60.000", "“1:02:60.000” has 60 seconds; seconds must be below 60."),
        ("1:60:00.000", "“1:60:00.000” has 60 minutes; minutes must be below 60."),
        ("abc", "“abc” is not a time; write it like 1:30.364."),
        ("1:3x.364", "“1:3x.364” is not a time; write it like 1:30.364."),
        ("1:30.3641", "“1:30.3641” is not a time; write it like 1:30.364."),
        ("1.30.364", "“1.30.364” is not a time; write it like 1:30.364."),
        ("-1:30.364", "“-1:30.364” is negative; a time cannot be negative."),
        ("-90.364", "“-90.364” is negative; a time cannot be negative."),
        ("", "Enter a time such as 1:30.364."),
        ("   ", "Enter a time such as 1:30.364."),
        ("0:00.000", "“0:00.000” is zero; a lap time must be longer than zero."),
    ],
)
def test_parse_lap_time_rejects_with_message(text, message):
    with pytest.raises(TimeFormatError) as raised:
        parse_lap_time(text)
    assert str(raised.value) == message


def test_parse_time_ms_allows_zero():
    assert parse_time_ms("0.000") == 0


@pytest.mark.parametrize(
    ("ms", "text"),
    [(90364, "1:30.364"), (3723456, "1:02:03.456"), (35849, "35.849"), (60000, "1:00.000"), (5, "0.005"), (None, "")],
)
def test_format_lap_time(ms, text):
    assert format_lap_time(ms) == text


def test_format_then_parse_round_trips():
    for ms in (1, 999, 59999, 60000, 90364, 3599999, 3600000, 86400001):
        assert parse_lap_time(format_lap_time(ms)) == ms


def test_format_gap_and_laps():
    assert format_gap(94) == "+0.094"
    assert format_gap(1803) == "+1.803"
    assert format_gap(62345) == "+1:02.345"
    assert format_gap(None) == ""
    assert format_laps_behind(1) == "1 Lap"
    assert format_laps_behind(3) == "3 Laps"
