"""The JSON API's documents, as django-ninja schemas: what /api/v1/openapi.json publishes.

Times are integer milliseconds (``*_ms``) with the text readers see beside them
(``best_lap``: ``1:30.364``; ``gap_to_leader``: ``+0.094``, ``1 Lap``).

Each document is named ``...Out`` (what the API gives); the schema's components carry
these names (``#/components/schemas/ClassificationOut``): pydantic names a component
after its class, whatever its title.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from ..enums import ResultStatus, SessionKind, SessionStatus


class ErrorOut(Schema):
    detail: str = Field(description="What was not found or not understood, and where.")


class ProblemOut(Schema):
    loc: list[str | int] = Field(description="Where: path, query, and the parameter's name.")
    msg: str
    type: str


class InvalidRequestOut(Schema):
    detail: list[ProblemOut]


class SeasonRefOut(Schema):
    year: int
    url: str = Field(description="This season's rounds in the API.")


class ChampionshipOut(Schema):
    slug: str = Field(examples=["wec"])
    name: str
    short_name: str
    seasons: list[SeasonRefOut]


class CarClassOut(Schema):
    code: str = Field(description="As official timing names it.", examples=["HYPERCAR"])
    name: str
    display_order: int
    colour: str = Field(description="#rrggbb", examples=["#e2001a"])


class SeasonOut(Schema):
    year: int
    qualifying_rule: str = Field(description="best_lap, or average_two_drivers (2015-2020).")
    classes: list[CarClassOut]
    url: str = Field(description="This season's rounds in the API.")


class CircuitOut(Schema):
    name: str
    country: str
    length_m: int | None
    time_zone: str = Field(
        description="The IANA zone of the circuit's clocks, e.g. Europe/Lisbon; empty when not known.",
        examples=["Europe/Lisbon"],
    )


class RoundOut(Schema):
    order: int
    slug: str
    name: str
    circuit: CircuitOut | None
    start_date: dt.date | None
    end_date: dt.date | None
    url: str = Field(description="This round's sessions in the API.")


class SessionLinksOut(Schema):
    page: str
    classification: str
    classification_csv: str
    laps: str
    laps_csv: str
    embed: str


class SessionSummaryOut(Schema):
    slug: str
    path: str = Field(examples=["wec/2021/portimao/qualifying"])
    name: str
    kind: SessionKind
    status: SessionStatus
    start: dt.datetime | None = Field(
        description="ISO 8601 with the offset of the circuit's clocks that day (UTC when its zone is not known).",
        examples=["2021-06-12T15:00:00+01:00"],
    )
    time_zone: str = Field(description="The circuit's IANA zone; empty when not known.", examples=["Europe/Lisbon"])
    updated_at: dt.datetime | None = Field(description="When the results last changed.")
    links: SessionLinksOut


class EntryDriverOut(Schema):
    id: int
    first_name: str
    last_name: str
    name: str
    nationality: str
    fia_category: str = Field(description="platinum, gold, silver or bronze; empty when unknown.")


class EntryOut(Schema):
    number: str = Field(examples=["36"])
    class_: str = Field(alias="class", examples=["HYPERCAR"])
    group: str = Field(description="Sub-class, e.g. P/A for LMP2 Pro/Am.")
    team: str
    car: str
    manufacturer: str
    tyres: str
    drivers: list[EntryDriverOut]


# The classification document: the contract of the classification issue.


class SessionInfoOut(Schema):
    path: str
    name: str
    kind: SessionKind
    status: SessionStatus
    updated_at: dt.datetime | None


class ResultRowOut(Schema):
    overall_position: int | None = Field(description="None when the car is not classified.")
    class_position: int | None
    number: str
    class_: str = Field(alias="class")
    group: str
    team: str
    car: str
    drivers: list[str]
    status: ResultStatus
    laps: int
    best_lap_ms: int | None
    best_lap: str
    best_lap_number: int | None
    best_lap_driver: str
    total_time_ms: int | None
    gap_to_leader_ms: int | None
    gap_to_leader_laps: int
    gap_to_leader: str = Field(examples=["+0.094", "1 Lap", "3 Laps"])
    interval_ms: int | None
    interval_laps: int
    interval: str


class ClassResultsOut(Schema):
    code: str
    name: str
    results: list[ResultRowOut] = Field(description="Gaps and intervals within the class.")


class ClassificationOut(Schema):
    session: SessionInfoOut
    overall: list[ResultRowOut] = Field(description="Every car, gaps to the overall leader.")
    classes: list[ClassResultsOut] = Field(description="Each class in class order.")


class LapOut(Schema):
    number: str = Field(description="The car's number.")
    class_: str = Field(alias="class")
    lap_number: int
    driver: str
    lap_time_ms: int | None
    lap_time: str
    time_deleted: bool = Field(description="The time was deleted (track limits ...); it counts for nothing.")
    deletion_reason: str
    deletion_note: str
    sector_1_ms: int | None
    sector_2_ms: int | None
    sector_3_ms: int | None
    elapsed_ms: int | None = Field(description="Time since the start of the session when the car crossed the line.")
    in_pit: bool = Field(description="The lap ended in the pit lane.")
    flag: str = Field(description="Flag at the line: GF, SF, FCY, FF, RF or empty.")
    top_speed_kph: float | None


class PageOut(Schema):
    """A page of a list (``api.paging``): its items are the subclass's."""

    count: int = Field(description="Items in all pages.")
    page: int
    page_size: int
    next: str | None = Field(description="The next page, if any.")
    previous: str | None


class LapPageOut(PageOut):
    items: list[LapOut]


class GridPlaceOut(Schema):
    grid_position: int
    class_grid_position: int
    number: str
    class_: str = Field(alias="class")
    group: str
    team: str
    car: str
    drivers: list[str]
    qualifying_time_ms: int | None
    qualifying_time: str
    from_hyperpole: bool
    grid_penalty_places: int
    status: ResultStatus
    note: str = Field(examples=["Hyperpole, 3-place grid penalty", "No time"])


class StandingsRoundOut(Schema):
    round: str = Field(description="The round's slug.", examples=["qatar"])
    points: float = Field(description="Points scored there, pole included (halves when the round gave half points).")
    position: int | None = Field(description="Class position as raced (of the best counted car for manufacturers).")
    pole: bool = Field(description="Pole position of its class (one point).")


class StandingsRowOut(Schema):
    position: int = Field(description="Equal positions are shared after countback.")
    name: str = Field(description="The driver, the team and its car (#12 Hertz Team Jota), or the manufacturer.")
    car_numbers: list[str] = Field(description="The numbers it scored with.")
    points: float = Field(examples=[152, 12.5])
    wins: int
    rounds: list[StandingsRoundOut] = Field(description="The counted rounds it took part in, in order.")
    progression: list[float] = Field(
        description="progression[k-1]: its points total after the k-th counted round (every counted round, "
        "one it missed keeping the total before it); the last is its points.",
        examples=[[26, 44, 53]],
    )


class StandingsTableOut(Schema):
    key: str = Field(description="The title's key: ?table= of the CSV.", examples=["hypercar-drivers"])
    title: str
    class_: str = Field(alias="class", description="The class code, as timing names it.", examples=["HYPERCAR"])
    kind: str = Field(description="drivers, teams or manufacturers.")
    page_url: str = Field(description="The standings page showing this table (a path on this site).")
    embed_url: str = Field(description="This table for other sites to frame (a path on this site).")
    rows: list[StandingsRowOut]


class StandingsOut(Schema):
    championship: str = Field(examples=["wec"])
    year: int
    after_round: str | None = Field(description="The last round counted (the latest raced unless ?after= says).")
    rule_set: str = Field(description="The points rules applied (events/data/standings).", examples=["wec-2024"])
    provisional: bool = Field(description="True while a counted race's results are provisional.")
    live: bool = Field(
        description="True while a counted round's race is live: its points change with every lap "
        "(and any cache keeps the answer 10 s at most)."
    )
    tables: list[StandingsTableOut]


class LapChartCarOut(Schema):
    number: str = Field(examples=["7"])
    positions: list[int | None] = Field(
        description="positions[k-1]: the car's class position at the end of lap k (null: it did not complete lap k)."
    )
    gaps_ms: list[int | None] = Field(
        description="gaps_ms[k-1]: its elapsed time at lap k minus the class leader's at lap k, in ms (a lapped "
        "car is compared at its own lap count, so a gap can exceed a lap); null where positions is."
    )
    pit_laps: list[int] = Field(
        description="The laps it ended in the pit lane (in-laps), in order.", examples=[[8, 20]]
    )


class LapChartCautionOut(Schema):
    flag: str = Field(description="FCY (full course yellow), SF (safety car) or RF (red flag).", examples=["FCY"])
    first_lap: int
    last_lap: int


class LapChartClassOut(Schema):
    code: str = Field(examples=["HYPERCAR"])
    name: str = Field(examples=["Hypercar"])
    cars: list[LapChartCarOut] = Field(description="In order of class position at the end of their last lap.")
    leader_elapsed_ms: list[int | None] = Field(
        description="leader_elapsed_ms[k-1]: the race time at which the class's first car completed lap k, in ms "
        "(what puts race hours on the lap axis)."
    )
    cautions: list[LapChartCautionOut] = Field(
        description="Runs of the class's laps under caution: a lap is under caution when the class leader's lap "
        "overlaps crossings of the line under that flag (any car); the most serious flag names it."
    )


class LapChartOut(Schema):
    classes: list[LapChartClassOut] = Field(description="In class order.")
    page_url: str = Field(description="The session's charts page (a path on this site).")
    embed_url: str = Field(description="The charts for other sites to frame (a path on this site).")


class CarLapTimeOut(Schema):
    lap: int
    lap_time_ms: int | None
    driver: str = Field(description="Who drove it; empty when timing does not say.", examples=["Mike Conway"])
    deleted: bool = Field(description="Its time was deleted (track limits ...): it counts for no best lap.")
    pit_in: bool = Field(description="An in-lap: the car crossed the line in the pit lane.")
    pit_out: bool = Field(description="An out-lap: the lap after an in-lap (lap 1 never is).")
    flag: str = Field(description="The flag at the line: GF, SF, FCY, FF, RF, empty when unknown.", examples=["GF"])


class CarStintOut(Schema):
    driver: str
    first_lap: int
    last_lap: int
    laps: int = Field(description="The laps it holds. A stint ends at an in-lap or before another driver's lap.")
    best_lap_ms: int | None = Field(description="Its fastest time not deleted; null when it has none.")
    best_lap: int | None = Field(description="The lap of best_lap_ms (the earlier of equal times).")


class CarDriverBestOut(Schema):
    name: str = Field(description="Empty for laps whose driver timing does not say.", examples=["Mike Conway"])
    best_lap_ms: int | None = Field(description="The driver's fastest time not deleted in the session.")
    best_lap: int | None


class CarLapTimesOut(Schema):
    number: str = Field(examples=["7"])
    laps: list[CarLapTimeOut] = Field(description="In lap order.")
    stints: list[CarStintOut] = Field(description="In lap order.")
    drivers: list[CarDriverBestOut] = Field(description="In order of their first lap.")
    page_url: str = Field(description="The car's page in the session (a path on this site).")


class FeedOut(Schema):
    session: str = Field(description="The session's path.", examples=["wec/2026/le-mans/race"])
    status: SessionStatus
    rows: int = Field(description="Lap rows in the batch.")
    laps_created: int
    laps_updated: int = Field(description="Laps stored before whose values the batch changed (history: the feed).")
    laps_unchanged: int = Field(description="Laps already stored as the batch gives them: not written again.")
    editor_changes_kept: int = Field(description="Editors' deleted or corrected times the batch would have changed.")
    entries_created: int = Field(description="Cars the batch named and the round lacked.")
    times_not_counted: int = Field(description="Laps faster than the car's marked best: their time deleted.")
    session_created: bool
    went_live: bool = Field(description="The batch made the session live (it was scheduled, or is new).")
    page_url: str = Field(description="The session's page (a path on this site).")
