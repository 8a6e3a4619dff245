"""The rules of classification: who is where, per class, and by how much.

This docstring is the table of contents of the rules; each module holds one part:

- ``types``: the inputs and the output (:class:`ClassifiedRow`), frozen dataclasses.
- ``qualifying``: practice, qualifying, Hyperpole, warm-up.
- ``race``: laps, the crossing of the line, the flag, the threshold, penalties.
- ``official``: official classifications of sessions without laps.
- ``grid``: the starting grid.
- ``cars`` and ``assembly``: inside the engine (one car's laps; positions, gaps, fastest laps).

Pure Python, no Django: plain frozen dataclasses in (entries, laps, penalties, editors'
status overrides, the season's rules), plain frozen dataclasses out. The HTML tables,
the embeds, the JSON and the CSV all render the same :class:`ClassifiedRow` objects,
so they can never disagree. All times are integer milliseconds.

Qualifying and practice (``classify_qualifying``)
    Each car's best lap whose time is not deleted. Equal times go to the car that set
    it first (smaller ``elapsed_ms`` of that lap). Cars without a valid time come after
    the timed cars of their class, ordered by car number, with status ``no_time``; they
    still get positions. Gaps are to the leader, intervals to the car ahead, in ms.
    With ``Rules.qualifying_rule == "average_two_drivers"`` (seasons 2015-2020) a car's
    qualifying time is the average of its two fastest drivers' best valid laps; cars
    with two drivers' times come first, then cars with one (ordered by that time),
    then cars with none (``no_time``).

Starting grid (``starting_grid``)
    From qualifying, and from Hyperpole where the round has one: Hyperpole order fixes
    the top of each class, the rest follow in qualifying order. Grouped by class in
    class display order; a grid penalty moves a car back that many places in its class.

Race (``classify_race``)
    More laps first, then the earlier crossing of the line at the finish
    (``elapsed_ms`` of the last lap, plus time penalties). The chequered flag falls when
    the leader completes its last lap; a car whose last crossing came before that did
    not take the flag and is ``retired``. A car that took the flag with fewer than
    ``threshold_percent`` of the overall winner's laps (of its class winner's with
    ``threshold_of_class_winner``) is ``not_classified``. A disqualification penalty
    makes a car ``disqualified``; editors may override any status (``did_not_start``
    included) with a reason. Only ``classified`` rows get positions; the others follow
    them, without positions, in the order not_classified, retired, disqualified,
    did_not_start. Gaps are in time on the same lap, in laps otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..vocab import SessionKind
from .grid import starting_grid
from .official import classify_official
from .qualifying import classify_qualifying
from .race import classify_race
from .types import (
    DEFAULT_RULES,
    CarClassInfo,
    Classification,
    ClassifiedRow,
    EntryInput,
    FastestLap,
    GridRow,
    LapInput,
    LapTotals,
    OfficialRowInput,
    PenaltyInput,
    Rules,
    StatusOverride,
)

__all__ = [
    "CarClassInfo",
    "Classification",
    "ClassifiedRow",
    "EntryInput",
    "FastestLap",
    "GridRow",
    "LapInput",
    "LapTotals",
    "OfficialRowInput",
    "PenaltyInput",
    "Rules",
    "StatusOverride",
    "classify",
    "classify_official",
    "classify_qualifying",
    "classify_race",
    "starting_grid",
]


def classify(
    *,
    kind: str,
    classes: list[CarClassInfo],
    entries: list[EntryInput],
    laps: list[LapInput],
    penalties: list[PenaltyInput] = (),
    rules: Rules = DEFAULT_RULES,
    overrides: list[StatusOverride] = (),
    lap_totals: Mapping[int, LapTotals] | None = None,
) -> Classification:
    """Dispatch on the session kind.

    ``laps`` are all the session's laps, or, with ``lap_totals`` (each car's number of
    laps and sum of their times, by entry id), only the laps that decide, which give
    the same classification: each car's last lap, its valid laps as fast as its best
    valid lap, and outside races each driver's valid laps as fast as the driver's best.
    A live race's database gives those in a few queries instead of 20,000 rows.
    """
    if kind == SessionKind.RACE:
        return classify_race(
            classes=classes,
            entries=entries,
            laps=laps,
            penalties=penalties,
            rules=rules,
            overrides=overrides,
            lap_totals=lap_totals,
        )
    return classify_qualifying(
        kind=kind, classes=classes, entries=entries, laps=laps, rules=rules, overrides=overrides, lap_totals=lap_totals
    )
