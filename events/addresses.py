"""How people, tools and URLs name things: ``wec/2021/portimao/qualifying``.

An address is parsed once, from a path typed by an editor or from a URL's keyword
arguments, and checked there: a name that cannot be ours (not a slug, a year no season
can have, a NUL character) names nothing and never reaches the database, which could
not hold it (PostgreSQL refuses text with a NUL). It turns back into the URL keyword
arguments and the ORM lookups it stands for, so nothing joins names into a path only to
split them again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import NotFound

# Seasons are numbered 1900 to 2200 (the model's validators); any other number names none.
YEARS = range(1900, 2201)
# Each pattern once, anchored with ^ and $ as the API's schema publishes it.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
CAR_NUMBER_PATTERN = r"^[0-9A-Za-z]{1,4}$"  # "7" and "007" are different cars
SLUG = re.compile(SLUG_PATTERN.removesuffix("$") + r"\Z")  # $ would also match before a final newline
CAR_NUMBER = re.compile(CAR_NUMBER_PATTERN.removesuffix("$") + r"\Z")


def _is_name(value: object) -> bool:
    return isinstance(value, str) and SLUG.match(value) is not None


def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in YEARS


def _split(path: str, *, what: str, shape: str, example: str, count: int) -> list[str]:
    """The ``count`` parts of a typed path; NotFound when it has another shape or a year that is no number."""
    parts = path.strip().strip("/").split("/")
    if len(parts) != count or not all(parts):
        raise NotFound(f"“{path}” is not a {what} path; write it as {shape}, e.g. {example}.")
    year = parts[1]
    if not (year.isascii() and year.isdigit()):
        raise NotFound(f"“{path}”: the year “{year}” is not a number.")
    return parts


@dataclass(frozen=True, slots=True)
class SeasonAddress:
    """``wec/2021``."""

    championship: str
    year: int

    @classmethod
    def parse(cls, path: str) -> SeasonAddress:
        """The address an editor or a tool typed, e.g. ``wec/2025``; NotFound says why not."""
        championship, year = _split(path, what="season", shape="championship/year", example="wec/2025", count=2)
        address = cls(championship, int(year))
        if not address.is_valid():
            raise NotFound(f"No season {path}.")
        return address

    @property
    def path(self) -> str:
        return f"{self.championship}/{self.year}"

    def is_valid(self) -> bool:
        return _is_name(self.championship) and _is_year(self.year)

    def url_kwargs(self) -> dict:
        return {"championship": self.championship, "year": self.year}

    def lookups(self, prefix: str = "") -> dict:
        """The filters that find this season among ``Season`` objects (among related ones with ``prefix``)."""
        return {f"{prefix}championship__slug": self.championship, f"{prefix}year": self.year}


@dataclass(frozen=True, slots=True)
class RoundAddress:
    """``wec/2021/portimao``."""

    championship: str
    year: int
    round: str

    @classmethod
    def parse(cls, path: str) -> RoundAddress:
        """The address an editor or a tool typed, e.g. ``wec/2025/qatar``; NotFound says why not."""
        championship, year, round_slug = _split(
            path, what="round", shape="championship/year/round", example="wec/2025/qatar", count=3
        )
        address = cls(championship, int(year), round_slug)
        if not address.is_valid():
            raise NotFound(f"No round {path}.")
        return address

    @property
    def path(self) -> str:
        return f"{self.championship}/{self.year}/{self.round}"

    @property
    def season(self) -> SeasonAddress:
        return SeasonAddress(self.championship, self.year)

    def is_valid(self) -> bool:
        return self.season.is_valid() and _is_name(self.round)

    def url_kwargs(self) -> dict:
        return {**self.season.url_kwargs(), "round": self.round}

    def lookups(self, prefix: str = "") -> dict:
        """The filters that find this round among ``Round`` objects (among related ones with ``prefix``)."""
        return {**self.season.lookups(f"{prefix}season__"), f"{prefix}slug": self.round}


@dataclass(frozen=True, slots=True)
class SessionAddress:
    """``wec/2021/portimao/qualifying``: championship, year, round and session."""

    championship: str
    year: int
    round: str
    session: str

    @classmethod
    def parse(cls, path: str) -> SessionAddress:
        """The address an editor or a tool typed, e.g. ``wec/2021/portimao/qualifying``; NotFound says why not."""
        championship, year, round_slug, session_slug = _split(
            path,
            what="session",
            shape="championship/year/round/session",
            example="wec/2021/portimao/qualifying",
            count=4,
        )
        address = cls(championship, int(year), round_slug, session_slug)
        if not address.is_valid():
            raise NotFound(f"No session {path}.")
        return address

    @classmethod
    def from_kwargs(cls, *, championship: str, year: int | str, round: str, session: str, **_other) -> SessionAddress:
        """From a URL's keyword arguments (other arguments, such as a car number, are left out).

        The API's routes pass the year as text; text that is not a number stays text,
        which no season has (``is_valid`` is false).
        """
        if isinstance(year, str) and year.isascii() and year.isdigit():
            year = int(year)
        return cls(championship, year, round, session)

    @property
    def path(self) -> str:
        return f"{self.championship}/{self.year}/{self.round}/{self.session}"

    @property
    def round_address(self) -> RoundAddress:
        return RoundAddress(self.championship, self.year, self.round)

    def is_valid(self) -> bool:
        return self.round_address.is_valid() and _is_name(self.session)

    def url_kwargs(self) -> dict:
        return {**self.round_address.url_kwargs(), "session": self.session}

    def lookups(self) -> dict:
        """The filters that find this session among ``Session`` objects."""
        return {**self.round_address.lookups("round__"), "slug": self.session}
