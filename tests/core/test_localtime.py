"""Instants read on a circuit's clocks (events.core.localtime): summer and winter time,
the hour the clocks skip and the hour they show twice, unknown zones."""

import datetime as dt

import pytest

from events.core.localtime import NoSuchLocalTime, UnknownZone, instant_from_wall_clock, local_time, zone_names

QUALIFYING = dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC)


def test_summer_time_in_lisbon_is_an_hour_ahead_of_utc():
    local = local_time(QUALIFYING, "Europe/Lisbon")
    assert (local.text, local.short_text, local.iso, local.offset, local.abbreviation, local.zone) == (
        "12 Jun 2021, 15:00 WEST",
        "Sat 12 Jun, 15:00 WEST",
        "2021-06-12T15:00:00+01:00",
        "UTC+01:00",
        "WEST",
        "Europe/Lisbon",
    )


def test_winter_time_in_lisbon_is_utc():
    local = local_time(dt.datetime(2021, 1, 9, 14, 0, tzinfo=dt.UTC), "Europe/Lisbon")
    assert (local.text, local.iso, local.offset) == ("9 Jan 2021, 14:00 WET", "2021-01-09T14:00:00+00:00", "UTC")


@pytest.mark.parametrize(
    ("zone", "text", "iso"),
    [
        ("Asia/Bahrain", "12 Jun 2021, 17:00 +03", "2021-06-12T17:00:00+03:00"),  # no letters: the offset
        ("America/Sao_Paulo", "12 Jun 2021, 11:00 -03", "2021-06-12T11:00:00-03:00"),
        ("Asia/Kolkata", "12 Jun 2021, 19:30 IST", "2021-06-12T19:30:00+05:30"),
        ("", "12 Jun 2021, 14:00 UTC", "2021-06-12T14:00:00+00:00"),  # not known: UTC
    ],
)
def test_other_zones(zone, text, iso):
    local = local_time(QUALIFYING, zone)
    assert (local.text, local.iso) == (text, iso)


def test_a_wall_clock_time_is_read_in_the_zone():
    assert instant_from_wall_clock(dt.datetime(2021, 6, 12, 15, 0), "Europe/Lisbon") == QUALIFYING
    assert instant_from_wall_clock(dt.datetime(2021, 6, 12, 15, 0), "") == dt.datetime(2021, 6, 12, 15, tzinfo=dt.UTC)


def test_the_hour_the_clocks_skip_does_not_exist():
    with pytest.raises(NoSuchLocalTime) as error:
        instant_from_wall_clock(dt.datetime(2021, 3, 28, 1, 30), "Europe/Lisbon")
    assert str(error.value) == "28 Mar 2021 01:30 did not happen in Europe/Lisbon: the clocks went forward over it."


def test_the_hour_shown_twice_is_read_as_the_first():
    instant = instant_from_wall_clock(dt.datetime(2021, 10, 31, 1, 30), "Europe/Lisbon")
    assert instant == dt.datetime(2021, 10, 31, 0, 30, tzinfo=dt.UTC)  # still WEST (UTC+1)


def test_unknown_zones_and_naive_instants_are_refused():
    with pytest.raises(UnknownZone) as error:
        local_time(QUALIFYING, "Europe/Portimao")
    assert str(error.value) == "'Europe/Portimao' is not a time zone name such as Europe/Lisbon."
    with pytest.raises(ValueError):
        local_time(dt.datetime(2021, 6, 12, 14, 0), "Europe/Lisbon")
    assert "Europe/Lisbon" in zone_names() and zone_names() == tuple(sorted(zone_names()))
