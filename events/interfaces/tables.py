"""django-tables2 tables of the public pages. Sorting reorders rows; positions stay as classified."""

from html import escape

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2.export import TableExport
from tablib import Dataset, UnsupportedFormat
from tablib.formats import registry as tablib_formats

from ..core.laptime import format_lap_time
from ..models import Lap
from .columns import BY_NAME, RESULT_COLUMNS, hidden_columns, page_columns
from .csvfile import Column, cell, csv_lines
from .presenters import OVERALL, Cell, result_cells


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
        self, data, *, kind, perspective=OVERALL, session_url="", circuit_length_m=None, for_export=False, **kwargs
    ):
        exclude = set(hidden_columns(kind))
        if perspective != OVERALL and not for_export:  # each class has its own table
            exclude = exclude | {"car_class"}
        super().__init__(data, exclude=tuple(exclude), **kwargs)
        self.perspective = perspective
        self.kind = kind
        self.session_url = session_url
        self.circuit_length_m = circuit_length_m
        self._cells = {}
        self.sequence = [column.name for column in page_columns(kind)] + ["..."]

    def cell(self, record, name) -> Cell:
        cells = self._cells.get(record.pk)
        if cells is None:
            cells = self._cells[record.pk] = result_cells(
                record,
                perspective=self.perspective,
                session_url=self.session_url,
                circuit_length_m=self.circuit_length_m,
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


class LapTable(tables.Table):
    """Every lap of one car; a deleted time is struck through with why, by whom and when: that
    column comes right after the time, so that a phone shows it without scrolling sideways."""

    lap_number = tables.Column("Lap")
    driver = tables.Column("Driver", accessor="driver__full_name", default="", orderable=False)
    lap_time = tables.Column("Time", accessor="lap_time_ms")
    sector_1 = tables.Column("S1", accessor="sector_1_ms", default="")
    sector_2 = tables.Column("S2", accessor="sector_2_ms", default="")
    sector_3 = tables.Column("S3", accessor="sector_3_ms", default="")
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

    def render_lap_time(self, record, value):
        if record.is_time_deleted:
            return format_html("<del>{}</del>", format_lap_time(value))
        return format_lap_time(value)

    def render_sector_1(self, value):
        return format_lap_time(value)

    render_sector_2 = render_sector_1
    render_sector_3 = render_sector_1
    render_pit_time = render_sector_1
    render_elapsed = render_sector_1

    def render_pit(self, record):
        return "In" if record.crossed_line_in_pit else ""

    def render_deletion(self, record):
        if not record.is_time_deleted:
            return ""
        parts = [f"{record.get_deletion_reason_display()}: {record.deletion_note}"]
        if record.deleted_by_id:
            parts.append(f"by {record.deleted_by.get_username()}")
        if record.deleted_at:
            parts.append(f"on {record.deleted_at:%Y-%m-%d %H:%M} UTC")
        return " ".join(parts)
