"""The columns of a classification, once: what the page's table, the embeds and the CSV of the page show.

Each column of a result row is one line of ``RESULT_COLUMNS``: its name (the key of
:func:`events.interfaces.presenters.result_cells`), the page's header (also the CSV's),
what its cells hold in a CSV (free text or a value of ours, see :mod:`events.interfaces.csvfile`),
the ResultRow orderings the page's table sorts it by, its place in the two layouts, the
embed sets that show it and, where the embed says it differently, the embed's header.
Adding a column is adding a line here (and its cell in ``result_cells``).

There are two layouts, because the two kinds of session rank differently: a race by laps
and time, every other session (practice, qualifying, Hyperpole, warm-up) by best lap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..core.vocab import SessionKind
from .csvfile import Kind

TEXT, VALUE = Kind.TEXT, Kind.VALUE


class Layout(StrEnum):
    RACE = "race"
    BEST_LAP = "best_lap"  # practice, qualifying, Hyperpole, warm-up: ranked by best lap

    @classmethod
    def of(cls, kind: str) -> Layout:
        return cls.RACE if kind == SessionKind.RACE else cls.BEST_LAP


# The layouts in which an embed set (compact or full) shows a column.
NEITHER: frozenset[Layout] = frozenset()
RACE: frozenset[Layout] = frozenset({Layout.RACE})
BEST_LAP: frozenset[Layout] = frozenset({Layout.BEST_LAP})
BOTH: frozenset[Layout] = frozenset(Layout)

EMBED_SIZES = ("compact", "full")
# An embed is one table per class, so its first column is the class position.
EMBED_LEADS_WITH = "class_position"


@dataclass(frozen=True, slots=True)
class ResultColumn:
    name: str
    header: str  # the page's table and the CSV of the page
    csv: Kind  # TEXT (from people or files: neutralised in spreadsheet exports) or VALUE (ours: exact)
    race_place: int | None  # its place in a race's table; None: races do not show it
    best_lap_place: int | None  # the same for sessions ranked by best lap
    compact: frozenset[Layout]  # the layouts whose compact embed shows it
    full: frozenset[Layout]  # the layouts whose full embed shows it
    sort_keys: tuple[str, ...]  # ResultRow orderings; () when the column does not sort
    embed_header: str = ""  # when the embed says it differently from the page

    def place(self, layout: Layout) -> int | None:
        return self.race_place if layout == Layout.RACE else self.best_lap_place

    def in_embed(self, size: str, layout: Layout) -> bool:
        return layout in (self.full if size == "full" else self.compact)

    @property
    def embed_label(self) -> str:
        return self.embed_header or self.header


RESULT_COLUMNS: tuple[ResultColumn, ...] = (
    #            name                header      csv    race  best lap  compact   full     sort keys
    ResultColumn("overall_position", "Pos",      VALUE, 1,    1,        NEITHER,  BOTH,    ("row_order",),
                 embed_header="Ovr"),
    ResultColumn("class_position",   "Cl",       VALUE, 2,    2,        BOTH,     BOTH,    ("row_order",),
                 embed_header="Pos"),
    ResultColumn("number",           "No",       TEXT,  3,    3,        BOTH,     BOTH,    ("number_key",)),
    ResultColumn("car_class",        "Class",    TEXT,  4,    4,        NEITHER,  NEITHER,
                 ("entry__car_class__display_order", "row_order")),
    ResultColumn("team",             "Team",     TEXT,  5,    5,        BOTH,     BOTH,    ("entry__team__name",)),
    ResultColumn("drivers",          "Drivers",  TEXT,  6,    6,        NEITHER,  BOTH,    ()),
    ResultColumn("car",              "Car",      TEXT,  7,    7,        NEITHER,  BOTH,    ("entry__car",)),
    ResultColumn("laps",             "Laps",     VALUE, 8,    11,       RACE,     BOTH,    ("laps",)),
    ResultColumn("total_time",       "Time",     VALUE, 9,    None,     NEITHER,  RACE,    ("total_time_ms",)),
    ResultColumn("best_lap",         "Best lap", VALUE, 12,   8,        BEST_LAP, BOTH,    ("best_lap_ms",)),
    ResultColumn("gap",              "Gap",      VALUE, 10,   9,        BOTH,     BOTH,    ("row_order",)),
    ResultColumn("interval",         "Int",      VALUE, 11,   10,       NEITHER,  BOTH,    ("row_order",)),
    ResultColumn("speed",            "km/h",     VALUE, None, 12,       NEITHER,  NEITHER, ("-best_lap_ms",)),
    ResultColumn("status",           "Status",   VALUE, 13,   None,     RACE,     RACE,    ("status",)),
)  # fmt: skip
BY_NAME = {column.name: column for column in RESULT_COLUMNS}


def check_columns(columns: tuple[ResultColumn, ...]) -> None:
    """A registry that cannot render is refused at import, not on some page."""
    if len({column.name for column in columns}) != len(columns):
        raise ValueError("Two result columns share a name.")
    for layout in Layout:
        places = [column.place(layout) for column in columns if column.place(layout) is not None]
        if len(places) != len(set(places)):
            raise ValueError(f"Two result columns share a place in the {layout} layout.")
        for column in columns:
            if column.place(layout) is None and any(column.in_embed(size, layout) for size in EMBED_SIZES):
                raise ValueError(f"The {column.name} column is embedded where the {layout} layout hides it.")


check_columns(RESULT_COLUMNS)


def page_columns(kind: str) -> list[ResultColumn]:
    """The columns of a session's page table (and its CSV), in order."""
    layout = Layout.of(kind)
    shown = [column for column in RESULT_COLUMNS if column.place(layout) is not None]
    return sorted(shown, key=lambda column: column.place(layout))


def hidden_columns(kind: str) -> list[str]:
    """The names of the columns that this kind of session does not show."""
    layout = Layout.of(kind)
    return [column.name for column in RESULT_COLUMNS if column.place(layout) is None]


def embed_columns(kind: str, size: str) -> list[ResultColumn]:
    """The columns of an embed (``compact`` or ``full``) of this kind of session, in order."""
    layout = Layout.of(kind)
    shown = [column for column in RESULT_COLUMNS if column.in_embed(size, layout)]
    return sorted(shown, key=lambda column: (column.name != EMBED_LEADS_WITH, column.place(layout)))
