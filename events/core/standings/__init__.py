"""Championship standings: points by era, per title (drivers, teams, manufacturers).

- ``types``: the inputs (:class:`RoundInput` of :class:`CarResult`), the rules
  (:class:`RuleSet` of :class:`TitleRule`, :class:`Scale`) and the output
  (:class:`StandingsTable` of :class:`StandingsRow`), frozen dataclasses.
- ``engine``: :func:`standings_compute` (the rules themselves are in its docstring)
  and :func:`points_display`.
- ``rule_sets``: :func:`rule_set_from_mapping` (a parsed data file, events/data/standings/*.toml)
  and :func:`rule_set_for_year`.

Pure Python, no Django; points are exact fractions.
"""

from .engine import points_display, standings_compute
from .rule_sets import rule_set_for_year, rule_set_from_mapping
from .types import (
    ENTRANT_KINDS,
    SCALES,
    SHARES,
    TITLE_KINDS,
    CarResult,
    DriverRef,
    RoundCell,
    RoundInput,
    RuleSet,
    Scale,
    StandingsRow,
    StandingsTable,
    TitleRule,
)

__all__ = [
    "ENTRANT_KINDS",
    "SCALES",
    "SHARES",
    "TITLE_KINDS",
    "CarResult",
    "DriverRef",
    "RoundCell",
    "RoundInput",
    "RuleSet",
    "Scale",
    "StandingsRow",
    "StandingsTable",
    "TitleRule",
    "points_display",
    "rule_set_for_year",
    "rule_set_from_mapping",
    "standings_compute",
]
