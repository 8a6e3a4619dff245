"""django-tables2 tables of the public pages. Sorting reorders rows; positions stay as classified."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2.export import TableExport
from tablib import Dataset, UnsupportedFormat
from tablib.formats import registry as tablib_formats

from ..core.laptime import format_lap_time
from ..models import Lap
from ..selectors.sessions import line_up_slugs
from .columns import BY_NAME, RESULT_COLUMNS, hidden_columns, page_columns
from .csvfile import Column, cell, csv_lines
from .presenters import OVERALL, Cell, PeopleLinks, result_cells


class CellColumn(tables.Column):
    """A column whose cell comes from :func:`events.interfaces.presenters.result_cells`, for HTML and CSV alike."""

    def __init__(self, verbose_name, **kwargs):
        super().__init__(verbose_name, empty_values=(), **kwargs)

    def render(self, record, table, bound_column):
        return mark_safe(table.cell(record, bound_column.name).html)  # escaped in result_cells

    def value(self, record, table, bound_column):
        return table.cell(record, bound_column.name).text


def _registry_columns() -> dict[str, CellColumn]:
    """A column for each of the registry's, with the page's header and sort keys."""
    return {
        column.name: CellColumn(column.header, order_by=column.sort_keys)
        if column.sort_keys
        else CellColumn(column.header, orderable=False)
        for column in RESULT_COLUMNS
    }


# django-tables2 collects a table's columns when its class is made, from the class's
# attributes: the registry's columns become the attributes of a base class.
_RegistryColumns = type(tables.Table)(
    "_RegistryColumns", (tables.Table,), {"__module__": __name__, **_registry_columns()}
)


class ResultTable(_RegistryColumns):
    """Classified rows; ``perspective`` picks overall or class gaps, ``kind`` the columns.

    The columns, their headers, sort keys and order come from the registry
    (:mod:`events.interfaces.columns`). Ordering, headers and CSV export are
    django-tables2's; the body is rendered in one pass from the same cells (see
    ``body_html``), which keeps a 62-car page fast.
    """

    class Meta:
        orderable = True
        template_name = "events/result_table.html"
        attrs = {"class": "results"}

    def __init__(
        self,
        data,
        *,
        kind,
        perspective=OVERALL,
        session_url="",
        circuit_length_m=None,
        for_export=False,
        driver_slugs=None,
        **kwargs,
    ):
        """``session_url``: the page's address, for links (to each car's page, each team's and
        driver's); empty for plain cells (an export). ``driver_slugs``: the drivers' slugs by id,
        when the page has them for all its tables; else the table reads its own, when it links."""
        exclude = set(hidden_columns(kind))
        if perspective != OVERALL and not for_export:  # each class has its own table
            exclude = exclude | {"car_class"}
        super().__init__(data, exclude=tuple(exclude), **kwargs)
        self.perspective = perspective
        self.kind = kind
        self.session_url = session_url
        self.circuit_length_m = circuit_length_m
        self.driver_slugs = driver_slugs
        self._people = None
        self._cells = {}
        self.sequence = [column.name for column in page_columns(kind)] + ["..."]

    def people(self) -> PeopleLinks | None:
        """Where the rows link their teams and drivers: nowhere in an export; the slugs of all the
        table's drivers read once, at the first cell."""
        if not self.session_url:
            return None
        if self._people is None:
            slugs = self.driver_slugs if self.driver_slugs is not None else line_up_slugs(self.data)
            self._people = PeopleLinks.of(slugs)
        return self._people

    def cell(self, record, name) -> Cell:
        cells = self._cells.get(record.pk)
        if cells is None:
            cells = self._cells[record.pk] = result_cells(
                record,
                perspective=self.perspective,
                session_url=self.session_url,
                circuit_length_m=self.circuit_length_m,
                people=self.people(),
            )
        return cells[name]

    def body_html(self):
        """The table's rows, in the requested order, as HTML (every value escaped in result_cells)."""
        names = [column.name for column in self.columns]
        rows = []
        for record in self.data:
            cells = "".join(f'<td class="col-{name}">{self.cell(record, name).html}</td>' for name in names)
            rows.append(f'<tr data-number="{escape(record.entry.number)}">{cells}</tr>')
        return mark_safe("\n".join(rows))  # every value in the cells went through escape()


class ResultExport(TableExport):
    """The "CSV of this view" of a result table, and its other export formats (``?_export=tsv``, ``json`` ...).

    django-tables2 picks the format, the content type and the filename; the CSV is
    written by :func:`events.interfaces.csvfile.csv_lines`, the writer of the API's CSVs
    (``;``, BOM, CRLF, free text neutralised), and the other spreadsheet format (TSV)
    gets the same neutralised cells. JSON, YAML and LaTeX are not run by spreadsheets
    and keep the text exact.
    """

    SPREADSHEETS = frozenset({TableExport.CSV, TableExport.TSV, TableExport.ODS, TableExport.XLS, TableExport.XLSX})

    @classmethod
    def is_valid_format(cls, export_format) -> bool:
        """A format django-tables2 knows and tablib can write here: ``ods``, ``xls`` and ``xlsx`` need
        packages we do not install, so they are not exports (the page is shown) rather than a 500."""
        if not super().is_valid_format(export_format):
            return False
        try:
            tablib_formats.get_format(export_format)
        except UnsupportedFormat:
            return False
        return True

    def __init__(self, export_format: str, table: ResultTable):
        super().__init__(export_format, table)
        self.columns = [Column(column.header, BY_NAME[column.name].csv) for column in table.columns]

    def rows(self) -> list[list[str]]:
        """The table's rows as the cells a spreadsheet may read: free text neutralised."""
        kinds = [column.kind for column in self.columns]
        return [[cell(kind, value) for kind, value in zip(kinds, row, strict=True)] for row in self.dataset]

    def export(self):
        if self.format == self.CSV:
            return "".join(csv_lines(self.columns, self.dataset))
        if self.format in self.SPREADSHEETS:
            return Dataset(*self.rows(), headers=self.dataset.headers).export(self.format)
        return super().export()


SECTORS = (1, 2, 3)


@dataclass(frozen=True, slots=True)
class LapBests:
    """Which laps hold a car's best lap time and its best time in each sector (their ids): deleted
    times never count, and of equal times the earlier lap holds it, as in the classification."""

    lap_id: int | None
    sector_lap_ids: tuple[int | None, ...]

    @classmethod
    def of(cls, laps) -> LapBests:
        valid = [lap for lap in laps if not lap.is_time_deleted]

        def best(time_of) -> int | None:
            timed = [lap for lap in valid if time_of(lap) is not None]
            return min(timed, key=lambda lap: (time_of(lap), lap.lap_number)).pk if timed else None

        return cls(
            best(lambda lap: lap.lap_time_ms),
            tuple(best(lambda lap, n=n: getattr(lap, f"sector_{n}_ms")) for n in SECTORS),
        )

    def holds(self, lap, column: str) -> bool:
        """Whether ``lap`` holds the best of ``column`` (``lap_time``, ``sector_1`` ...)."""
        if column == "lap_time":
            return lap.pk == self.lap_id
        return lap.pk == self.sector_lap_ids[int(column[-1]) - 1]


def _best_class(table, bound_column, record=None) -> str | None:
    return "best" if record is not None and table.bests.holds(record, bound_column.name) else None


def _best_html(text: str, what: str) -> str:
    """A best time: a word beside it for every reader, not its colour alone."""
    return format_html('{} <small class="best-mark">best<span class="visually-hidden"> {}</span></small>', text, what)


BEST = {"td": {"class": _best_class}}


class LapTable(tables.Table):
    """Every lap of one car; a deleted time is struck through with why, by whom and when: that
    column comes right after the time, so that a phone shows it without scrolling sideways.
    The best valid lap and the best valid time of each sector are marked (class ``best`` and
    the word "best")."""

    lap_number = tables.Column("Lap")
    driver = tables.Column("Driver", accessor="driver__full_name", default="", orderable=False)
    lap_time = tables.Column("Time", accessor="lap_time_ms", attrs=BEST)
    sector_1 = tables.Column("S1", accessor="sector_1_ms", default="", attrs=BEST)
    sector_2 = tables.Column("S2", accessor="sector_2_ms", default="", attrs=BEST)
    sector_3 = tables.Column("S3", accessor="sector_3_ms", default="", attrs=BEST)
    pit = tables.Column("Pit", accessor="crossed_line_in_pit", orderable=False)
    pit_time = tables.Column("Pit time", accessor="pit_time_ms", default="")
    elapsed = tables.Column("Elapsed", accessor="elapsed_ms", default="")
    deletion = tables.Column(
        "Deleted", accessor="is_time_deleted", orderable=False, attrs={"td": {"class": "deletion-reason"}}
    )

    class Meta:
        model = Lap
        fields = ()
        sequence = ("lap_number", "driver", "lap_time", "deletion", "...")
        attrs = {"class": "laps"}
        row_attrs = {"class": lambda record: "lap-deleted" if record.is_time_deleted else ""}

    @cached_property
    def bests(self) -> LapBests:
        """From the laps the table shows (read once, sorted or not)."""
        return LapBests.of(self.data)

    def render_lap_time(self, record, value):
        if record.is_time_deleted:
            return format_html("<del>{}</del>", format_lap_time(value))
        if self.bests.holds(record, "lap_time"):
            return _best_html(format_lap_time(value), "lap")
        return format_lap_time(value)

    def render_sector_1(self, record, value, bound_column):
        if self.bests.holds(record, bound_column.name):
            return _best_html(format_lap_time(value), f"sector {bound_column.name[-1]}")
        return format_lap_time(value)

    render_sector_2 = render_sector_1
    render_sector_3 = render_sector_1

    def render_pit_time(self, value):
        return format_lap_time(value)

    render_elapsed = render_pit_time

    def render_pit(self, record):
        return "In" if record.crossed_line_in_pit else ""

    def render_deletion(self, record):
        """Why, by whom and when, as text in its own column (a phone shows it too)."""
        if not record.is_time_deleted:
            return ""
        why = record.get_deletion_reason_display()
        parts = [f"{why}: {record.deletion_note}" if record.deletion_note else why]
        if record.deleted_by_id:
            parts.append(f"by {record.deleted_by.get_username()}")
        if record.deleted_at:
            parts.append(f"on {record.deleted_at:%Y-%m-%d %H:%M} UTC")
        return " ".join(parts)
