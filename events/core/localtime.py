"""Times of day at a circuit: an instant (kept in UTC) read in the circuit's time zone.

Session starts are stored as instants; readers see them as the clock at the track showed
them (``12 Jun 2021, 15:00 WEST``) and editors type them the same way. A zone is an IANA
name (``Europe/Lisbon``); an empty name means the zone is not known yet, and the time is
given in UTC. Pure Python (``zoneinfo``), no Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

UTC = dt.UTC


class UnknownZone(ValueError):
    """The name is not a time zone of the IANA database."""


class NoSuchLocalTime(ValueError):
    """The wall-clock time does not exist in the zone (the clocks went forward over it)."""


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name, sorted (what editors choose from)."""
    return tuple(sorted(available_timezones()))


def zone_get(name: str) -> dt.tzinfo:
    """The zone ``name``; UTC when the name is empty. Raises ``UnknownZone``."""
    if not name:
        return UTC
    if name not in zone_names():
        raise UnknownZone(f"{name!r} is not a time zone name such as Europe/Lisbon.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - listed but not loadable
        raise UnknownZone(f"{name!r} is not a time zone name such as Europe/Lisbon.") from None


@dataclass(frozen=True)
class LocalTime:
    """An instant as a clock in a zone shows it."""

    at: dt.datetime  # aware, in the zone
    zone: str  # the IANA name, or "UTC"

    @property
    def abbreviation(self) -> str:
        """``WEST``, ``CEST``, ``UTC``; the offset (``+03``) where the zone has no letters."""
        return self.at.tzname() or self.offset

    @property
    def offset(self) -> str:
        """``UTC+01:00``, ``UTC-05:00``, ``UTC+05:30``; ``UTC`` for no offset."""
        minutes = int(self.at.utcoffset().total_seconds() // 60)
        if minutes == 0:
            return "UTC"
        sign = "+" if minutes > 0 else "-"
        hours, rest = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours:02d}:{rest:02d}"

    @property
    def iso(self) -> str:
        """ISO 8601 with the zone's offset: ``2021-06-12T15:00:00+01:00``."""
        return self.at.isoformat()

    @property
    def text(self) -> str:
        """``12 Jun 2021, 15:00 WEST``."""
        return f"{self.at.day} {self.at:%b %Y, %H:%M} {self.abbreviation}"

    @property
    def short_text(self) -> str:
        """``Sat 12 Jun, 15:00 WEST``: for lists within a known year."""
        return f"{self.at:%a} {self.at.day} {self.at:%b, %H:%M} {self.abbreviation}"


def local_time(instant: dt.datetime, zone_name: str) -> LocalTime:
    """``instant`` (aware) as the clock in ``zone_name`` shows it (UTC when the name is empty)."""
    if instant.tzinfo is None:
        raise ValueError("An instant needs its offset (an aware datetime).")
    return LocalTime(instant.astimezone(zone_get(zone_name)), zone_name or "UTC")


def instant_from_wall_clock(wall: dt.datetime, zone_name: str) -> dt.datetime:
    """The instant (in UTC) when the clock in ``zone_name`` showed ``wall`` (naive).

    A time the clocks skipped (going forward) raises ``NoSuchLocalTime``; a time shown twice
    (going back) is read as the first of the two, as timing sheets do.
    """
    if wall.tzinfo is not None:
        raise ValueError("A wall-clock time has no offset (a naive datetime).")
    zone = zone_get(zone_name)
    aware = wall.replace(tzinfo=zone, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall:
        raise NoSuchLocalTime(f"{wall:%d %b %Y %H:%M} did not happen in {zone_name}: the clocks went forward over it.")
    return instant
