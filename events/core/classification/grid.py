"""The starting grid: Hyperpole and qualifying order per class, grid penalties, class order."""

from __future__ import annotations

from ..vocab import UNPOSITIONED_STATUSES, PenaltyKind, ResultStatus
from .cars import class_key
from .types import CarClassInfo, Classification, ClassifiedRow, GridRow, PenaltyInput


def starting_grid(
    *,
    qualifying: Classification,
    hyperpole: Classification | None = None,
    grid_penalties: list[PenaltyInput] = (),
) -> list[GridRow]:
    """The starting grid, grouped by class in class display order.

    Within a class: the cars Hyperpole ranked with a time (in Hyperpole order), then the
    class's other cars in qualifying order, then the cars qualifying left without a
    position (disqualified ...), in qualifying order; a car unpositioned in qualifying
    goes there even if Hyperpole ranked it. Grid penalties (the places of all of a car's
    ``grid_places`` penalties added up) are then applied one car at a time, from the
    front of the pre-penalty grid backwards: each penalised car moves back that many
    places from wherever it is at that moment, but never beyond the last place of its
    class. ``grid_penalty_places`` is the penalty as imposed (before that clamping).
    """
    infos: dict[str, CarClassInfo] = {info.code: info for info in qualifying.classes}
    if hyperpole is not None:
        for info in hyperpole.classes:
            infos.setdefault(info.code, info)
    places: dict[int, int] = {}
    for penalty in grid_penalties:
        if penalty.kind == PenaltyKind.GRID_PLACES and penalty.grid_places and penalty.grid_places > 0:
            places[penalty.entry_id] = places.get(penalty.entry_id, 0) + penalty.grid_places

    grid: list[GridRow] = []
    for info in sorted(infos.values(), key=class_key):
        class_grid = _class_grid(info.code, qualifying, hyperpole)
        for row, _ in list(class_grid):  # the pre-penalty order, front first
            moved = places.get(row.entry_id, 0)
            if not moved:
                continue
            index = next(i for i, (placed, _) in enumerate(class_grid) if placed.entry_id == row.entry_id)
            item = class_grid.pop(index)
            class_grid.insert(min(index + moved, len(class_grid)), item)
        for class_position, (row, from_hyperpole) in enumerate(class_grid, start=1):
            grid.append(
                GridRow(
                    grid_position=len(grid) + 1,
                    class_grid_position=class_position,
                    row=row,
                    from_hyperpole=from_hyperpole,
                    grid_penalty_places=places.get(row.entry_id, 0),
                )
            )
    return grid


# --- Inside the engine ---------------------------------------------------------------------


def _class_grid(
    class_code: str, qualifying: Classification, hyperpole: Classification | None
) -> list[tuple[ClassifiedRow, bool]]:
    """One class's grid before penalties: (the row that placed the car, from Hyperpole)."""
    qualifying_rows = qualifying.rows_of_class(class_code)
    at_back = {row.entry_id for row in qualifying_rows if row.status in UNPOSITIONED_STATUSES}
    grid: list[tuple[ClassifiedRow, bool]] = []
    if hyperpole is not None:
        grid.extend(
            (row, True)
            for row in hyperpole.rows_of_class(class_code)
            if row.status != ResultStatus.NO_TIME
            and row.status not in UNPOSITIONED_STATUSES
            and row.entry_id not in at_back
        )
    placed = {row.entry_id for row, _ in grid}
    grid.extend((row, False) for row in qualifying_rows if row.entry_id not in placed and row.entry_id not in at_back)
    grid.extend((row, False) for row in qualifying_rows if row.entry_id in at_back)
    return grid
