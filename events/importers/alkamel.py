"""Read Al Kamel timing files: pure Python, streaming, a line number in every error.

Two layouts are read:

* **Analysis** (lap by lap): ``NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; ...`` up to
  ``MANUFACTURER`` (2019-2021 files), and the newer files that add ``FLAG_AT_FL`` and
  ``S1_SECONDS``..``S3_SECONDS``.
* **Classification** (official result rows, e.g. historical races without laps):
  ``POSITION;NUMBER;TEAM;DRIVER_1;...;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;...;FL_KPH``.

Files are ``;``-separated, UTF-8 with or without a byte-order mark, with header names
padded with spaces, a trailing ``;`` and CRLF or LF line ends. Unknown extra columns
are ignored; a missing required column is an error naming it, as are a file with no rows,
a row with fewer fields than the header (cut short) and a number or a text too large for
its database column. There is no deleted-lap column: deletions are editors' decisions, kept
by the loader.

A field that begins with ``'`` followed by ``=``, ``+``, ``-``, ``@``, tab or carriage return
is read without the ``'``: that is how our own exports neutralise formulas
(:mod:`events.core.cells`), so an export imports back to the same names and notes.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..core.cells import unneutralised
from ..core.laptime import TimeFormatError, parse_time_ms

ANALYSIS = "analysis"
CLASSIFICATION = "classification"

ANALYSIS_REQUIRED = ("NUMBER", "LAP_NUMBER", "LAP_TIME", "DRIVER_NAME", "CLASS", "TEAM")
ANALYSIS_COLUMNS = (
    *ANALYSIS_REQUIRED,
    "DRIVER_NUMBER",
    "LAP_IMPROVEMENT",
    "CROSSING_FINISH_LINE_IN_PIT",
    "S1",
    "S2",
    "S3",
    "TOP_SPEED",
    "ELAPSED",
    "HOUR",
    "PIT_TIME",
    "GROUP",
    "MANUFACTURER",
    "FLAG_AT_FL",
    # Not Al Kamel's: wecresults' own exports add them, so that an export imports back exactly.
    "TIME_DELETED",
    "DELETION_KIND",
    "DELETION_NOTE",
)
CLASSIFICATION_REQUIRED = ("POSITION", "NUMBER", "TEAM", "DRIVER_1", "CLASS", "STATUS", "LAPS")

# Official statuses as the classification files write them, and ours.
STATUS_CODES = {
    "classified": "classified",
    "not classified": "not_classified",
    "nc": "not_classified",
    "retired": "retired",
    "dnf": "retired",
    "disqualified": "disqualified",
    "dsq": "disqualified",
    "excluded": "disqualified",
    "did not start": "did_not_start",
    "dns": "did_not_start",
    "no time": "no_time",
}

# What the database's columns hold (PostgreSQL's integer and bigint, numeric(5, 1)): a bigger
# number is refused with its line here, not as a database error half-way through the import.
MAX_INTEGER = 2_147_483_647  # PositiveIntegerField: lap numbers, positions, laps, lap and sector times
MAX_BIG_INTEGER = 9_223_372_036_854_775_807  # PositiveBigIntegerField: elapsed and total times
MAX_SPEED = Decimal("9999.9")  # DecimalField(max_digits=5, decimal_places=1)
# The longest text each column's field holds (a driver's name: its first or last name's).
MAX_LENGTH = {
    "DRIVER_NAME": 100,
    "CLASS": 30,
    "GROUP": 20,
    "TEAM": 200,
    "MANUFACTURER": 60,
    "VEHICLE": 100,
    "TYRES": 30,
    "GAP_FIRST": 20,
    "GAP_PREVIOUS": 20,
    "DELETION_NOTE": 300,
}

_LAPS_RE = re.compile(r"^-?(\d+)\s+Laps?$", re.IGNORECASE)
_CAR_NUMBER_RE = re.compile(r"^[0-9A-Za-z]{1,4}$")


class AlkamelError(ValueError):
    """A problem in a timing file; ``str()`` is ``line N: what is wrong``."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True, slots=True)
class DriverName:
    first_name: str
    last_name: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(slots=True)  # not frozen: a file has tens of thousands and frozen init is slow
class AnalysisLap:
    line: int
    number: str
    driver_number: int | None
    driver: DriverName
    lap_number: int
    lap_time_ms: int
    lap_improvement: int  # 0 none, 1 the car's best so far, 2 the session's best so far
    crossed_line_in_pit: bool
    sector_1_ms: int | None
    sector_2_ms: int | None
    sector_3_ms: int | None
    top_speed_kph: Decimal | None
    elapsed_ms: int | None
    time_of_day: dt.time | None
    pit_time_ms: int | None
    class_code: str
    group: str
    team: str
    manufacturer: str
    flag_at_line: str
    time_deleted: bool = False
    deletion_kind: str = ""
    deletion_note: str = ""


@dataclass(frozen=True, slots=True)
class ClassificationRow:
    line: int
    position: int | None
    number: str
    team: str
    drivers: tuple[DriverName, ...]
    vehicle: str
    tyres: str
    class_code: str
    group: str
    status: str  # one of our status codes
    laps: int
    total_time_ms: int | None
    gap_first: str
    gap_previous: str
    fastest_lap_number: int | None
    fastest_lap_ms: int | None
    fastest_lap_kph: Decimal | None


@functools.lru_cache(maxsize=4096)
def split_driver_name(text: str) -> DriverName:
    """``Harry TINCKNELL`` -> Harry / Tincknell; ``Renger VAN DER ZANDE`` -> Renger / Van Der Zande.

    Al Kamel writes the last name in capitals; words in capitals (from the first one on)
    are the last name. A name without capitals is kept whole as the last name.
    """
    words = text.split()
    if not words:
        return DriverName("", "")
    first_upper = next(
        (i for i, word in enumerate(words) if any(c.isalpha() for c in word) and word == word.upper()), None
    )
    if first_upper is None:
        return DriverName(" ".join(words[:-1]), words[-1]) if len(words) > 1 else DriverName("", words[0])
    last = " ".join(words[first_upper:])
    return DriverName(" ".join(words[:first_upper]), _title(last))


def _title(text: str) -> str:
    return "-".join(" ".join(part.capitalize() for part in piece.split(" ")) for piece in text.split("-"))


def detect_layout(header: list[str]) -> str:
    names = {name.strip().upper() for name in header}
    if "LAP_NUMBER" in names:
        return ANALYSIS
    if "POSITION" in names and "STATUS" in names:
        return CLASSIFICATION
    raise AlkamelError(1, "this is not an Al Kamel analysis or classification file (no LAP_NUMBER or POSITION column)")


class _Reader:
    """Rows of a ``;``-separated file as dicts keyed by the stripped header names."""

    def __init__(self, lines: Iterable[str]):
        self._reader = csv.reader(_without_bom(lines), delimiter=";")
        try:
            header = next(self._reader)
        except StopIteration:
            raise AlkamelError(1, "the file is empty") from None
        except csv.Error as error:
            raise AlkamelError(1, f"unreadable header ({error})") from None
        self.header = [name.strip().upper() for name in header]
        if not any(self.header):
            raise AlkamelError(1, "the file has no header line")
        # The named columns: Al Kamel ends the header with ";", an empty name rows may leave out.
        self.named = len(self.header)
        while not self.header[self.named - 1]:
            self.named -= 1
        self.layout = detect_layout(self.header)

    def require(self, required: tuple[str, ...]) -> None:
        missing = [name for name in required if name not in self.header]
        if missing:
            names = ", ".join(missing)
            raise AlkamelError(1, f"missing column{'s' if len(missing) > 1 else ''} {names}")

    def index(self, name: str) -> int:
        """Where the column is in a row; -1 (always empty) when the file has no such column."""
        return self.header.index(name) if name in self.header else -1

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        width = len(self.header)
        rows = 0
        while True:
            try:
                values = next(self._reader)
            except StopIteration:
                if not rows:  # an import of nothing would still create its session
                    raise AlkamelError(1, "the file has no rows, only a header line") from None
                return
            except csv.Error as error:
                raise AlkamelError(self._reader.line_num, f"unreadable line ({error})") from None
            line = self._reader.line_num
            joined = "".join(values)
            if not joined.strip():
                continue  # a blank line, or one of only separators
            if "'" in joined:  # cheap test first: a file has over a hundred thousand lines
                # our exports neutralise text against formulas (events.core.cells); read it back as it was
                values = [unneutralised(value) for value in values]
            if len(values) > width and not "".join(values[width:]).strip():
                values = values[:width]  # the trailing ";"
            if len(values) > width:
                raise AlkamelError(line, f"{len(values)} fields where the header has {width}")
            if len(values) < self.named:  # a file cut mid-line: its last fields would read as empty
                raise AlkamelError(
                    line, f"only {len(values)} fields where the header has {self.named}: the line is cut short"
                )
            rows += 1
            # Fields are stripped where they are read: a row has more columns than a parser uses.
            values += [""] * (width - len(values))
            values.append("")  # what a column the file lacks reads as (index -1)
            yield line, values


def sniff_layout(data: bytes | str) -> str:
    """ANALYSIS or CLASSIFICATION, from the file's header line (errors as when parsing)."""
    return _Reader(open_lines(data)).layout


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    first = True
    for text in lines:
        if first:
            text = text.removeprefix("\ufeff")
            first = False
        if "\x00" in text:
            raise AlkamelError(1, "this is a binary file, not a CSV timing file")
        yield text


def open_lines(data: bytes | str) -> Iterator[str]:
    """Lines of an uploaded file's bytes (UTF-8, with or without BOM), keeping line ends for ``csv``."""
    if isinstance(data, bytes):
        if b"\x00" in data[:4096]:
            raise AlkamelError(1, "this is a binary file, not a CSV timing file")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise AlkamelError(line, "the file is not UTF-8 text") from None
    # Only \n, \r and \r\n end a line (str.splitlines would also split on \x0c, \x85 ...).
    return iter(io.StringIO(data, newline=""))


def _quick_ms(text: str) -> int | None:
    """``1:30.364``, ``30.364`` or ``1:02:03.456`` as timing writes them, read by slicing (a file has
    over a hundred thousand of them); None for anything else, which the full parser then reads or
    explains."""
    if len(text) < 5 or text[-4] != ".":
        return None
    millis, head = text[-3:], text[:-4]
    if not millis.isdecimal():
        return None
    colon = head.rfind(":")
    if colon < 0:
        return int(head) * 1000 + int(millis) if head.isdecimal() else None
    seconds, rest = head[colon + 1 :], head[:colon]
    if len(seconds) != 2 or not seconds.isdecimal() or seconds >= "60":
        return None
    colon = rest.rfind(":")
    if colon < 0:
        return (int(rest) * 60 + int(seconds)) * 1000 + int(millis) if rest.isdecimal() else None
    minutes, hours = rest[colon + 1 :], rest[:colon]
    if len(minutes) != 2 or not minutes.isdecimal() or minutes >= "60" or not hours.isdecimal():
        return None
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def _bounded(line: int, column: str, text: str, value: int, limit: int) -> int:
    if value > limit:
        raise AlkamelError(line, f"{column} {text} is too large")
    return value


def _time(line: int, column: str, text: str, *, required: bool = False, limit: int = MAX_INTEGER) -> int | None:
    if not text:
        if required:
            raise AlkamelError(line, f"{column} is empty")
        return None
    quick = _quick_ms(text)
    if quick is None:
        try:
            quick = parse_time_ms(text)
        except TimeFormatError as error:
            raise AlkamelError(line, f"{column}: {error}") from None
    return _bounded(line, column, text, quick, limit)


def _int(line: int, column: str, text: str, *, required: bool = False) -> int | None:
    if not text:
        if required:
            raise AlkamelError(line, f"{column} is empty")
        return None
    if not text.isdecimal():
        raise AlkamelError(line, f"{column} “{text}” is not a whole number")
    return _bounded(line, column, text, int(text), MAX_INTEGER)


def _decimal(line: int, column: str, text: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AlkamelError(line, f"{column} “{text}” is not a number") from None
    if not value.is_finite() or value < 0:
        raise AlkamelError(line, f"{column} “{text}” is not a speed")
    if value >= MAX_SPEED + Decimal("0.05"):  # 9999.95 would be stored rounded, as 10000.0
        raise AlkamelError(line, f"{column} {text} is too large")
    return value.quantize(Decimal("0.1"))


def _too_long(line: int, column: str, text: str, limit: int) -> AlkamelError:
    return AlkamelError(line, f"{column} is {len(text)} characters long; the database holds {limit}")


def _car_number(line: int, text: str) -> str:
    if not text:
        raise AlkamelError(line, "NUMBER is empty: a lap row needs a car number")
    if not _CAR_NUMBER_RE.match(text):
        raise AlkamelError(line, f"NUMBER “{text}” is not a car number")
    return text


def _time_of_day(line: int, text: str) -> dt.time | None:
    if not text:
        return None
    ms = _time(line, "HOUR", text, limit=MAX_BIG_INTEGER)  # any size is then refused as not a time of day
    hours, rest = divmod(ms, 3_600_000)
    if hours >= 24:
        raise AlkamelError(line, f"HOUR “{text}” is not a time of day")
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return dt.time(hours, minutes, seconds, millis * 1000)


def parse_analysis(lines: Iterable[str]) -> Iterator[AnalysisLap]:
    """The laps of an analysis file, one at a time; a lap number twice for a car is an error."""
    reader = _Reader(lines)
    if reader.layout != ANALYSIS:
        raise AlkamelError(1, "this is a classification file, not a lap-by-lap analysis file")
    reader.require(ANALYSIS_REQUIRED)
    col = {name: reader.index(name) for name in ANALYSIS_COLUMNS}
    seen: dict[tuple[str, int], int] = {}
    used = sorted(set(col.values()) - {-1})
    texts = [(name, index, MAX_LENGTH[name]) for name, index in col.items() if name in MAX_LENGTH and index >= 0]
    for line, row in reader:
        for index in used:
            row[index] = row[index].strip()
        for name, index, limit in texts:
            if len(row[index]) > limit:
                raise _too_long(line, name, row[index], limit)
        number = _car_number(line, row[col["NUMBER"]])
        lap_number = _int(line, "LAP_NUMBER", row[col["LAP_NUMBER"]], required=True)
        if lap_number < 1:
            raise AlkamelError(line, "LAP_NUMBER must be 1 or more")
        first_line = seen.setdefault((number, lap_number), line)
        if first_line != line:
            raise AlkamelError(line, f"car #{number} lap {lap_number} is already on line {first_line}")
        lap_time_ms = _time(line, "LAP_TIME", row[col["LAP_TIME"]], required=True)
        if lap_time_ms <= 0:
            raise AlkamelError(line, "LAP_TIME must be above zero")
        yield AnalysisLap(
            line=line,
            number=number,
            driver_number=_int(line, "DRIVER_NUMBER", row[col["DRIVER_NUMBER"]]),
            driver=split_driver_name(row[col["DRIVER_NAME"]]),
            lap_number=lap_number,
            lap_time_ms=lap_time_ms,
            lap_improvement=_int(line, "LAP_IMPROVEMENT", row[col["LAP_IMPROVEMENT"]]) or 0,
            crossed_line_in_pit=row[col["CROSSING_FINISH_LINE_IN_PIT"]].upper() == "B",
            sector_1_ms=_time(line, "S1", row[col["S1"]]) or None,
            sector_2_ms=_time(line, "S2", row[col["S2"]]) or None,
            sector_3_ms=_time(line, "S3", row[col["S3"]]) or None,
            top_speed_kph=_decimal(line, "TOP_SPEED", row[col["TOP_SPEED"]]),
            elapsed_ms=_time(line, "ELAPSED", row[col["ELAPSED"]], limit=MAX_BIG_INTEGER),
            time_of_day=_time_of_day(line, row[col["HOUR"]]),
            pit_time_ms=_time(line, "PIT_TIME", row[col["PIT_TIME"]]) or None,
            class_code=row[col["CLASS"]],
            group=row[col["GROUP"]],
            team=row[col["TEAM"]],
            manufacturer=row[col["MANUFACTURER"]],
            flag_at_line=row[col["FLAG_AT_FL"]].upper(),
            time_deleted=row[col["TIME_DELETED"]] == "1",
            deletion_kind=row[col["DELETION_KIND"]],
            deletion_note=row[col["DELETION_NOTE"]],
        )


def _gap_text(line: int, column: str, text: str) -> str:
    """A gap as written (``28.869``, ``1'59.312``, ``1 Laps``), checked for sense."""
    if not text or _LAPS_RE.match(text):
        return text
    _time(line, column, text)
    return text


def parse_classification(lines: Iterable[str]) -> Iterator[ClassificationRow]:
    """The official result rows of a classification file, one at a time."""
    reader = _Reader(lines)
    if reader.layout != CLASSIFICATION:
        raise AlkamelError(1, "this is a lap-by-lap analysis file, not a classification file")
    reader.require(CLASSIFICATION_REQUIRED)
    driver_columns = sorted(
        (name for name in reader.header if re.fullmatch(r"DRIVER_\d+", name)), key=lambda name: int(name.split("_")[1])
    )
    seen: dict[str, int] = {}
    for line, values in reader:
        row = {name: values[i].strip() for i, name in enumerate(reader.header) if name}
        for name in (*MAX_LENGTH, *driver_columns):
            limit = MAX_LENGTH["DRIVER_NAME" if name in driver_columns else name]
            if len(row.get(name, "")) > limit:
                raise _too_long(line, name, row[name], limit)
        number = _car_number(line, row["NUMBER"])
        first_line = seen.setdefault(number, line)
        if first_line != line:
            raise AlkamelError(line, f"car #{number} is already on line {first_line}")
        status_text = row["STATUS"]
        status = STATUS_CODES.get(status_text.lower())
        if status is None:
            raise AlkamelError(line, f"STATUS “{status_text}” is not one we know")
        drivers = tuple(split_driver_name(row[name]) for name in driver_columns if row.get(name))
        yield ClassificationRow(
            line=line,
            position=_int(line, "POSITION", row["POSITION"]),
            number=number,
            team=row["TEAM"],
            drivers=drivers,
            vehicle=row.get("VEHICLE", ""),
            tyres=row.get("TYRES", ""),
            class_code=row["CLASS"],
            group=row.get("GROUP", ""),
            status=status,
            laps=_int(line, "LAPS", row["LAPS"]) or 0,
            total_time_ms=_time(line, "TOTAL_TIME", row.get("TOTAL_TIME", ""), limit=MAX_BIG_INTEGER),
            gap_first=_gap_text(line, "GAP_FIRST", row.get("GAP_FIRST", "")),
            gap_previous=_gap_text(line, "GAP_PREVIOUS", row.get("GAP_PREVIOUS", "")),
            fastest_lap_number=_int(line, "FL_LAPNUM", row.get("FL_LAPNUM", "")),
            fastest_lap_ms=_time(line, "FL_TIME", row.get("FL_TIME", "")),
            fastest_lap_kph=_decimal(line, "FL_KPH", row.get("FL_KPH", "")),
        )
