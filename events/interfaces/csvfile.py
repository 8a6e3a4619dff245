"""The one CSV writer of every export: the API's Al Kamel layouts and the CSV of a session's page.

Every CSV we write is ``;``-separated UTF-8 with a byte-order mark (so spreadsheets read
the accents) and CRLF line ends; the Al Kamel layouts also end each line with a ``;``, as
timing files do. Fields are quoted by the ``csv`` module when they hold a ``;``, a ``"``
or a line end, so a note keeps its exact text.

Each column says what it holds: ``text`` (free text from people or files: names, cars,
classes, notes), which is neutralised against formula injection
(:func:`events.core.cells.neutralised`), or a ``value`` we format ourselves (positions,
times, gaps like ``+0.094``), written exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from ..core.cells import neutralised

DELIMITER = ";"
BOM = "\ufeff"


class Kind(StrEnum):
    TEXT = "text"  # from people or files: neutralised
    VALUE = "value"  # formatted by us: exact


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # the header
    kind: Kind


def text(*names: str) -> list[Column]:
    return [Column(name, Kind.TEXT) for name in names]


def value(*names: str) -> list[Column]:
    return [Column(name, Kind.VALUE) for name in names]


def cell(kind: Kind, content) -> str:
    """A field's text: empty for None, neutralised when it is free text."""
    if content is None:
        return ""
    return neutralised(str(content)) if kind == Kind.TEXT else str(content)


def csv_lines(columns: list[Column], rows: Iterable[Iterable], *, trailing_delimiter: bool = False) -> Iterator[str]:
    """The header and one line per row (streamed), each ending in CRLF; the first begins with the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    end = [""] if trailing_delimiter else []
    kinds = [column.kind for column in columns]

    def line(fields) -> str:
        writer.writerow(fields + end)
        written = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return written

    yield BOM + line([cell(Kind.VALUE, column.name) for column in columns])
    for row in rows:
        fields = list(row)
        if len(fields) != len(kinds):
            raise ValueError(f"A row of {len(fields)} fields where the CSV has {len(kinds)} columns.")
        yield line([cell(kind, content) for kind, content in zip(kinds, fields, strict=True)])
