"""Reads of championship standings: a season's, its leaders', a driver's places."""

from ..core.standings import StandingsRow, StandingsTable
from ..models import (
    Driver,
    Season,
)
from ..results import standings


def season_standings_leaders(season: Season, *, count: int = 3) -> list[tuple[StandingsTable, list]]:
    """Each title's first ``count`` rows after the latest raced round, for the season page."""
    view = standings.season_standings(season)
    return [(table, list(table.rows[:count])) for table in view.tables if table.rows]


def driver_standings(driver: Driver) -> list[tuple[Season, StandingsTable, StandingsRow]]:
    """Where the driver stands in every title of every season they drove in, newest season first."""
    seasons = (
        Season.objects.filter(rounds__entries__entry_drivers__driver=driver)
        .select_related("championship")
        .distinct()
        .order_by("-year", "championship__name")
    )
    places = []
    for season in seasons:
        for table in standings.season_standings(season).tables:
            row = next((row for row in table.rows if row.key == str(driver.pk)), None)
            if row is not None and table.kind == "drivers":
                places.append((season, table, row))
    return places


def season_standings(season: Season, *, after: str | None = None) -> standings.SeasonStandingsView:
    """The season's championship standings after round ``after`` (its slug; the last raced by default)."""
    return standings.season_standings(season, after=after)


def season_standings_state(season: Season) -> tuple[str, bool]:
    """(a version that changes whenever anything the season's standings are made of
    changes, whether one of its sessions is live): for HTTP caching."""
    return standings.season_state(season, standings.season_rule_set(season))
