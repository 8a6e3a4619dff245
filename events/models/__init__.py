"""The data model; one module per entity, re-exported here."""

from .championship import Championship, Circuit, Round, Season
from .entry import CarClass, Driver, Entry, EntryDriver, Team
from .lap import Lap
from .penalty import Penalty
from .session import Session

__all__ = [
    "CarClass",
    "Championship",
    "Circuit",
    "Driver",
    "Entry",
    "EntryDriver",
    "Lap",
    "Penalty",
    "Round",
    "Season",
    "Session",
    "Team",
]
