"""Is a lap time an editor typed believable? Reasons to look again before it counts.

A time far from the other laps of its class in the session (a typo such as 0.5 s put
a car on pole), or sectors that do not add up to the lap, is doubted; the editor may
still save it, saying the time is right. Al Kamel's sectors add up to the lap time to
the millisecond, in every file we have.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from .laptime import format_lap_time

# No circuit of endurance racing is lapped in under 20 s.
SHORTEST_LAP_MS = 20_000
# Faster than the class's best lap of the session by more than this share: a typo, not a record.
FASTER_THAN_BEST = 0.05
# Slower than this many times the class's usual (median) lap: a typo, or a lap under red flag.
SLOWER_THAN_USUAL = 3
# Sectors typed to the thousandth may round by one each.
SECTORS_TOLERANCE_MS = 3


def lap_time_doubts(
    lap_time_ms: int,
    sectors: Sequence[int | None],
    others: Sequence[int],
    class_name: str = "its class",
) -> list[str]:
    """Why ``lap_time_ms`` needs a second look; ``others`` are the valid times of the other
    laps of the car's class in the session, ``sectors`` the lap's S1, S2, S3 (None where unknown)."""
    doubts = []
    typed = format_lap_time(lap_time_ms)
    if lap_time_ms < SHORTEST_LAP_MS:
        doubts.append(f"{typed} is shorter than any lap of a circuit ({format_lap_time(SHORTEST_LAP_MS)}).")
    elif others and lap_time_ms < min(others) * (1 - FASTER_THAN_BEST):
        best = min(others)
        share = (best - lap_time_ms) / best
        doubts.append(
            f"{typed} is {share:.1%} faster than the best lap of {class_name} in this session "
            f"({format_lap_time(best)})."
        )
    if others and lap_time_ms > median(others) * SLOWER_THAN_USUAL:
        doubts.append(
            f"{typed} is more than {SLOWER_THAN_USUAL} times the usual lap of {class_name} in this session "
            f"({format_lap_time(round(median(others)))})."
        )
    if len(sectors) == 3 and all(sector is not None for sector in sectors):
        total = sum(sectors)
        if abs(total - lap_time_ms) > SECTORS_TOLERANCE_MS:
            doubts.append(f"S1 + S2 + S3 make {format_lap_time(total)}, not {typed}.")
    return doubts
