"""Caution periods of a race from the flag each car saw at the line, and the laps of a class
they cover.

The timing gives no start and end of a full course yellow or a safety car, only the flag
shown as each car crossed the line (``FLAG_AT_FL``). A period here runs from the first
crossing seen under a caution flag to the last one of an unbroken run of crossings under
that flag (in race time, all cars together): it starts a little after the real one and
ends a little before. A class's lap k (from its first car's crossing at the end of lap
k-1 to that at the end of lap k) is under caution when it overlaps a period; when two
overlap, the more serious flag names it (red, then safety car, then full course yellow).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from ..vocab import FlagAtLine
from .types import CautionLaps, CautionPeriod

# In order of seriousness, the most serious first.
CAUTION_FLAGS = (FlagAtLine.RED, FlagAtLine.SAFETY_CAR, FlagAtLine.FULL_COURSE_YELLOW)


def caution_periods(crossings: Iterable[tuple[int, str]]) -> tuple[CautionPeriod, ...]:
    """The periods of unbroken crossings under one caution flag, from ``(elapsed ms, flag)`` of
    every crossing of every car, in any order."""
    crossings = list(crossings)
    return caution_periods_among(
        [(elapsed_ms, flag) for elapsed_ms, flag in crossings if flag in CAUTION_FLAGS],
        sorted(elapsed_ms for elapsed_ms, _flag in crossings),
    )


def caution_periods_among(cautions: Iterable[tuple[int, str]], everything: Sequence[int]) -> tuple[CautionPeriod, ...]:
    """``caution_periods`` from the crossings under a caution flag, ``(elapsed ms, flag)`` in any
    order, and the race times of all crossings, sorted: a 24-hour race has a thousand of the
    first and 20,000 of the second, which need no flag each."""
    cautions = sorted(cautions)
    caution_times = [elapsed_ms for elapsed_ms, _flag in cautions]
    periods: list[CautionPeriod] = []
    for elapsed_ms, flag in cautions:
        current = periods[-1] if periods else None
        if current is not None and current.flag == flag:
            # Unbroken when every crossing from the period's last to this one was under caution.
            crossed = bisect_right(everything, elapsed_ms) - bisect_left(everything, current.end_ms)
            under_caution = bisect_right(caution_times, elapsed_ms) - bisect_left(caution_times, current.end_ms)
            if crossed <= under_caution:
                periods[-1] = CautionPeriod(flag=flag, start_ms=current.start_ms, end_ms=elapsed_ms)
                continue
        periods.append(CautionPeriod(flag=flag, start_ms=elapsed_ms, end_ms=elapsed_ms))
    return tuple(periods)


def caution_laps(leader_elapsed_ms: Sequence[int | None], periods: Sequence[CautionPeriod]) -> tuple[CautionLaps, ...]:
    """Runs of a class's laps under caution, from its first car's elapsed time at the end of each
    lap (index k-1 for lap k; None for a lap nobody completed, never under caution)."""
    runs: list[CautionLaps] = []
    lap_start = 0
    for lap_number, lap_end in enumerate(leader_elapsed_ms, start=1):
        if lap_end is None:
            continue
        flags = {period.flag for period in periods if period.start_ms <= lap_end and period.end_ms > lap_start}
        lap_start = lap_end
        flag = next((flag for flag in CAUTION_FLAGS if flag in flags), None)
        if flag is None:
            continue
        if runs and runs[-1].flag == flag and runs[-1].last_lap == lap_number - 1:
            runs[-1] = CautionLaps(flag=flag, first_lap=runs[-1].first_lap, last_lap=lap_number)
        else:
            runs.append(CautionLaps(flag=flag, first_lap=lap_number, last_lap=lap_number))
    return tuple(runs)
