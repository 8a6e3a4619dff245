"""A timing file cut into the batches a timing system would have sent during the race: its
rows in order of race time (``ELAPSED``), a batch per slice of race time, each batch the
file's header line and its rows as written. What ``replay_alkamel`` posts to the feed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .alkamel import open_lines, parse_analysis


@dataclass(frozen=True)
class ReplayBatch:
    until_ms: int  # the race time at the end of its slice
    rows: int
    text: str  # the header line, then its rows


def replay_batches(data: bytes | str, *, slice_ms: int = 60_000) -> list[ReplayBatch]:
    """The file's rows in slices of ``slice_ms`` of race time (rows without a race time go with
    the slice of the car's previous row), only the slices that have rows, in time order."""
    lines = list(open_lines(data))
    header = lines[0] if lines[0].endswith(("\n", "\r")) else lines[0] + "\n"
    slices: dict[int, list[str]] = {}
    last_ms: dict[str, int] = {}
    for lap in parse_analysis(lines):
        elapsed_ms = lap.elapsed_ms if lap.elapsed_ms is not None else last_ms.get(lap.number, 0)
        last_ms[lap.number] = elapsed_ms
        text = lines[lap.line - 1]
        slices.setdefault(elapsed_ms // slice_ms, []).append(text if text.endswith(("\n", "\r")) else text + "\n")
    return [
        ReplayBatch(until_ms=(index + 1) * slice_ms, rows=len(rows), text=header + "".join(rows))
        for index, rows in sorted(slices.items())
    ]
