"""Race time on a lap axis: a class's laps run at its first car's pace, so an hour of race
time falls at a (fractional) lap, and an hour range of the race is a range of laps.

``leader_elapsed_ms`` is the class's first car's race time at the end of each lap (index
k-1 for lap k, None for a lap nobody completed), as ``ClassSeries`` carries it.
"""

from __future__ import annotations

from collections.abc import Sequence

HOUR_MS = 3_600_000
# Steps between race-time ticks, in minutes: the first that gives at most ``MAX_TICKS``.
TICK_STEPS_MIN = (10, 15, 30, 60, 120, 180, 240, 360)
MAX_TICKS = 12


def _known(leader_elapsed_ms: Sequence[int | None]) -> list[tuple[int, int]]:
    """(lap number, race time) of the laps somebody completed, lap 0 at race time 0 first."""
    return [(0, 0), *((lap, ms) for lap, ms in enumerate(leader_elapsed_ms, start=1) if ms is not None)]


def lap_at(leader_elapsed_ms: Sequence[int | None], race_ms: int) -> float | None:
    """Where race time ``race_ms`` falls on the lap axis (3.5: halfway through lap 4); None
    after the class's last crossing."""
    known = _known(leader_elapsed_ms)
    for (lap_before, ms_before), (lap, ms) in zip(known, known[1:], strict=False):
        if ms >= race_ms:
            return lap_before + (lap - lap_before) * (race_ms - ms_before) / (ms - ms_before or 1)
    return None


def time_ticks(leader_elapsed_ms: Sequence[int | None], first_lap: int, last_lap: int) -> list[tuple[int, float]]:
    """(race time in minutes, lap position) of round race times between the end of lap
    ``first_lap`` - 1 and that of ``last_lap``, at most ``MAX_TICKS`` of them."""
    known = dict(_known(leader_elapsed_ms))
    start_ms = known.get(first_lap - 1, 0)
    end_ms = known.get(last_lap) or max(known.values())
    span_min = (end_ms - start_ms) / 60_000
    step = next((step for step in TICK_STEPS_MIN if span_min / step <= MAX_TICKS), 720)
    ticks = []
    minute = -(-start_ms // 60_000 // step) * step
    while minute * 60_000 <= end_ms:
        lap = lap_at(leader_elapsed_ms, minute * 60_000)
        if lap is not None and minute > 0:
            ticks.append((minute, lap))
        minute += step
    return ticks


def laps_between(leader_elapsed_ms: Sequence[int | None], from_ms: int, to_ms: int) -> tuple[int, int] | None:
    """The laps to draw race time ``from_ms`` to ``to_ms``: from the last to end by ``from_ms``
    (lap 1 at the start) to the first to end at or after ``to_ms`` (or the last), so the lines
    span the range; None when the class had finished by ``from_ms``."""
    known = _known(leader_elapsed_ms)[1:]
    if not known or known[-1][1] <= from_ms:
        return None
    first = max((lap for lap, ms in known if ms <= from_ms), default=1)
    last = next((lap for lap, ms in known if ms >= to_ms), known[-1][0])
    return first, max(last, first)
