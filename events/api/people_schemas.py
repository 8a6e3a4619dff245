"""The people API's documents (``api.people``): drivers and teams, their pages, and each
one's entries and results by season. Named ``...Out`` as in ``schemas``."""

from __future__ import annotations

from ninja import Field, Schema

from .schemas import PageOut


class DriverOut(Schema):
    slug: str = Field(examples=["antonio-fuoco"])
    first_name: str
    last_name: str
    nationality: str = Field(description="As the entry list gives it (`ITA`), or empty.")
    url: str = Field(description="The driver's page on the site.", examples=["/drivers/antonio-fuoco/"])


class TeamOut(Schema):
    slug: str = Field(examples=["af-corse"])
    name: str
    country: str
    url: str = Field(description="The team's page on the site.", examples=["/teams/af-corse/"])


class DriverPageOut(PageOut):
    items: list[DriverOut]


class TeamPageOut(PageOut):
    items: list[TeamOut]


class PersonResultOut(Schema):
    session: str = Field(examples=["qualifying"])
    session_name: str
    kind: str = Field(description="race, qualifying, hyperpole, practice or warmup.")
    status: str = Field(description="classified, no_time, not_classified, retired, disqualified or did_not_start.")
    overall_position: int | None
    class_position: int | None
    laps: int
    best_lap_ms: int | None
    best_lap: str = Field(examples=["1:30.364"])
    url: str = Field(description="The car's page in that session.")


class PersonEntryOut(Schema):
    round: str = Field(examples=["portimao"])
    round_name: str
    number: str
    class_: str = Field(alias="class")
    team: str
    team_slug: str
    car: str
    drivers: list[DriverOut] = Field(description="The line-up, in order.")
    results: list[PersonResultOut] = Field(description="In the order the sessions ran.")


class PersonSeasonOut(Schema):
    championship: str = Field(examples=["wec"])
    year: int
    entries: list[PersonEntryOut] = Field(description="In round order.")


class DriverDetailOut(DriverOut):
    fia_category: str = Field(description="platinum, gold, silver or bronze (the FIA's categorisation), or empty.")
    seasons: list[PersonSeasonOut] = Field(description="The latest first.")


class TeamDetailOut(TeamOut):
    seasons: list[PersonSeasonOut] = Field(description="The latest first.")
