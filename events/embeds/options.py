"""What an embed shows: its options (classes, top N, theme, compact or full columns), the
sections of rows and cells it renders, the height to start its frame at, and its CSP.

The columns and their embed headers come from the registry (``events.interfaces.columns``),
the cells from ``result_cells``: the same as the session page's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings

from ..interfaces.columns import embed_columns
from ..interfaces.presenters import CLASS, result_cells, rows_by_class

# The embed page's policy: the site's own, but any site may frame it.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
THEMES = ("auto", "light", "dark")
# The embed's heights at the oEmbed width (640 px), fixed in whole pixels by embed.css: a row is
# 3 + 20 + 3 px and its 1 px line; a section is its caption (2 + 20 + 2), head row (27) and 8 px
# margin; the frame is the body's 8 px padding twice, the header line and its 4 px margin, the footer.
ROW_HEIGHT_PX, SECTION_HEIGHT_PX, FRAME_HEIGHT_PX = 27, 24 + 27 + 8, 16 + 24 + 20
# The query parameters ``from_query`` reads (``class`` repeatable): the embed sees no other.
EMBED_PARAMS = frozenset({"class", "top", "theme", "columns"})


@dataclass(frozen=True)
class EmbedOptions:
    classes: tuple[str, ...] = ()
    top: int | None = None
    theme: str = "auto"
    columns: str = "compact"

    @classmethod
    def from_query(cls, query) -> EmbedOptions:
        top = query.get("top", "")
        return cls(
            classes=tuple(code for code in query.getlist("class") if code),
            top=int(top) if top.isdecimal() and int(top) > 0 else None,
            theme=query.get("theme") if query.get("theme") in THEMES else "auto",
            columns="full" if query.get("columns") == "full" else "compact",
        )

    @classmethod
    def from_page_query(cls, query) -> EmbedOptions:
        """The options of an embed of a session page (or embed) with this query: the page's
        class filter (``car_class``) becomes the embed's ``class``; other filters have no
        embed equivalent and are left out."""
        options = cls.from_query(query)
        if not options.classes and query.get("car_class"):
            options = replace(options, classes=(query.get("car_class"),))
        return options

    def query(self) -> str:
        """These options as an embed URL's query, in one canonical order ("" for the defaults)."""
        pairs = [("class", code) for code in self.classes]
        if self.top is not None:
            pairs.append(("top", self.top))
        if self.theme != "auto":
            pairs.append(("theme", self.theme))
        if self.columns != "compact":
            pairs.append(("columns", self.columns))
        return urlencode(pairs)


def embed_sections(rows, options: EmbedOptions, *, kind: str, session_url: str, circuit_length_m):
    """[(class, header labels, [[cell html, ...], ...])]: what the embed shows."""
    columns = embed_columns(kind, options.columns)
    headers = [(column.name, column.embed_label) for column in columns]
    wanted = {code.upper() for code in options.classes}
    sections = []
    for car_class, class_rows in rows_by_class(rows):
        if wanted and car_class.code.upper() not in wanted:
            continue
        if options.top:
            class_rows = class_rows[: options.top]
        cells = []
        for row in class_rows:
            row_cells = result_cells(row, perspective=CLASS, session_url=session_url, circuit_length_m=circuit_length_m)
            cells.append([(column.name, row_cells[column.name].html) for column in columns])
        sections.append((car_class, headers, cells))
    return sections


def estimated_height(sections) -> int:
    """Enough room for the table before the frame's script reports the real height."""
    rows = sum(len(cells) for _, _, cells in sections)
    return FRAME_HEIGHT_PX + len(sections) * SECTION_HEIGHT_PX + rows * ROW_HEIGHT_PX
