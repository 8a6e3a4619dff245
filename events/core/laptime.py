"""Parse and format times, gaps and intervals.

Inside wecresults every time is an integer number of milliseconds; text exists only
at the edges. This module is the one place that turns text into milliseconds and
back. It is pure Python (no Django) so the classification core can use it too.

Accepted input, with ``.`` or ``,`` before the fraction and optional spaces after a
separator (timing screens and news reports write ``1: 30.364``):

    90.364        seconds only (may exceed 59)
    1:30.364      minutes and seconds, also 1'30.364
    1:02:03.456   hours, minutes and seconds, also 4:00'04.690 (Al Kamel totals)

The fraction has one to three digits (``1:30.3`` is 1:30.300) and may be left out.
"""

from __future__ import annotations

import re

MS_PER_SECOND = 1000
MS_PER_MINUTE = 60 * MS_PER_SECOND
MS_PER_HOUR = 60 * MS_PER_MINUTE

_TIME_RE = re.compile(
    r"""^(?:
        (?P<hours>\d+):(?P<hour_minutes>\d{1,2})[:'](?P<hour_seconds>\d{1,2})
      | (?P<minutes>\d+)[:'](?P<minute_seconds>\d{1,2})
      | (?P<seconds>\d+)
    )(?:[.,](?P<fraction>\d{1,3}))?$""",
    re.VERBOSE,
)
# Spaces are allowed after a separator ("1: 30.364") and around the whole text.
_SPACE_AFTER_SEPARATOR_RE = re.compile(r"(?<=[:'.,])\s+")


class TimeFormatError(ValueError):
    """The text is not a time we can read; the message says why, naming the text."""


def parse_time_ms(text: str) -> int:
    """Return the time written in ``text`` as milliseconds (zero allowed)."""
    if text is None:
        raise TimeFormatError("Enter a time such as 1:30.364.")
    cleaned = _SPACE_AFTER_SEPARATOR_RE.sub("", str(text).strip())
    if not cleaned:
        raise TimeFormatError("Enter a time such as 1:30.364.")
    if cleaned.startswith("-"):
        raise TimeFormatError(f"“{text}” is negative; a time cannot be negative.")
    match = _TIME_RE.match(cleaned)
    if match is None:
        raise TimeFormatError(f"“{text}” is not a time; write it like 1:30.364.")
    parts = match.groupdict()
    fraction_ms = int((parts["fraction"] or "0").ljust(3, "0"))
    if parts["hours"] is not None:
        hours, minutes, seconds = int(parts["hours"]), int(parts["hour_minutes"]), int(parts["hour_seconds"])
        if minutes >= 60:
            raise TimeFormatError(f"“{text}” has {minutes} minutes; minutes must be below 60.")
    elif parts["minutes"] is not None:
        hours, minutes, seconds = 0, int(parts["minutes"]), int(parts["minute_seconds"])
    else:
        hours, minutes, seconds = 0, 0, int(parts["seconds"])
        return seconds * MS_PER_SECOND + fraction_ms
    if seconds >= 60:
        raise TimeFormatError(f"“{text}” has {seconds} seconds; seconds must be below 60.")
    return hours * MS_PER_HOUR + minutes * MS_PER_MINUTE + seconds * MS_PER_SECOND + fraction_ms


def parse_lap_time(text: str) -> int:
    """Return the lap time written in ``text`` as milliseconds; it must be above zero."""
    ms = parse_time_ms(text)
    if ms <= 0:
        raise TimeFormatError(f"“{text}” is zero; a lap time must be longer than zero.")
    return ms


def _parts(ms: int) -> tuple[int, int, int, int]:
    if ms < 0:
        raise ValueError(f"a time cannot be negative: {ms} ms")
    hours, rest = divmod(ms, MS_PER_HOUR)
    minutes, rest = divmod(rest, MS_PER_MINUTE)
    seconds, millis = divmod(rest, MS_PER_SECOND)
    return hours, minutes, seconds, millis


def format_lap_time(ms: int | None) -> str:
    """``90364`` -> ``1:30.364``; ``3723456`` -> ``1:02:03.456``; ``35849`` -> ``35.849``."""
    if ms is None:
        return ""
    hours, minutes, seconds, millis = _parts(ms)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
    if minutes:
        return f"{minutes}:{seconds:02d}.{millis:03d}"
    return f"{seconds}.{millis:03d}"


def format_gap(ms: int | None) -> str:
    """A gap or interval in time: ``94`` -> ``+0.094``; ``62345`` -> ``+1:02.345``."""
    if ms is None:
        return ""
    return f"+{format_lap_time(ms)}"


def format_alkamel_time(ms: int | None) -> str:
    """Al Kamel's classification style: ``4:00'04.690``, ``1'36.144``, ``28.869``."""
    if ms is None:
        return ""
    hours, minutes, seconds, millis = _parts(ms)
    if hours:
        return f"{hours}:{minutes:02d}'{seconds:02d}.{millis:03d}"
    if minutes:
        return f"{minutes}'{seconds:02d}.{millis:03d}"
    return f"{seconds}.{millis:03d}"


def format_laps_behind(laps: int) -> str:
    """A gap in laps: ``1`` -> ``1 Lap``, ``3`` -> ``3 Laps``."""
    return f"{laps} Lap" if laps == 1 else f"{laps} Laps"
