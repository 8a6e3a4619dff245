"""The data model; one module per entity, re-exported here."""

from .championship import Championship, Circuit, Round, Season
from .entry import CarClass, Driver, Entry, EntryDriver, Team
from .lap import Lap
from .override import StatusOverride
from .penalty import Penalty
from .result import OfficialResult, ResultRow
from .session import Session
from .standings import RoundPole, SeasonEntrant, SeasonStandings
from .token import ApiToken

__all__ = [
    "ApiToken",
    "CarClass",
    "Championship",
    "Circuit",
    "Driver",
    "Entry",
    "EntryDriver",
    "Lap",
    "OfficialResult",
    "Penalty",
    "ResultRow",
    "Round",
    "RoundPole",
    "Season",
    "SeasonEntrant",
    "SeasonStandings",
    "Session",
    "StatusOverride",
    "Team",
]
