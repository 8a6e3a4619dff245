"""django-tables2 tables of the public pages. Sorting reorders rows; positions stay as classified."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .laptime import format_lap_time
from .models import Lap, ResultRow
from .presenters import OVERALL, driver_names, gap_text, gaps, speed_kph


def _column(label, name, **kwargs):
    """A column whose cells carry ``col-<name>``, so narrow screens can drop less important ones."""
    css = f"col-{name}"
    return tables.Column(label, attrs={"th": {"scope": "col", "class": css}, "td": {"class": css}}, **kwargs)


class ResultTable(tables.Table):
    """Classified rows; ``perspective`` picks overall or class gaps, ``kind`` the columns."""

    overall_position = _column("Pos", "overall_position", default="", order_by=("row_order",))
    class_position = _column("Cl", "class_position", default="", order_by=("row_order",))
    number = _column("No", "number", accessor="entry__number", order_by=("entry__number",))
    car_class = _column(
        "Class", "car_class", accessor="entry__car_class__code", order_by=("entry__car_class__display_order",)
    )
    team = _column("Team", "team", accessor="entry__team__name")
    drivers = _column("Drivers", "drivers", accessor="entry", orderable=False)
    car = _column("Car", "car", accessor="entry__car")
    laps = _column("Laps", "laps")
    total_time = _column("Time", "total_time", accessor="total_time_ms", default="")
    best_lap = _column("Best lap", "best_lap", accessor="best_lap_ms", default="")
    gap = _column("Gap", "gap", accessor="row_order", order_by=("row_order",))
    interval = _column("Int", "interval", accessor="row_order", order_by=("row_order",))
    speed = _column("km/h", "speed", accessor="best_lap_ms", order_by=("best_lap_ms",), default="")
    status = _column("Status", "status", accessor="status")

    class Meta:
        model = ResultRow
        fields = ()
        orderable = True
        template_name = "django_tables2/table.html"
        attrs = {"class": "results"}
        row_attrs = {"data-number": lambda record: record.entry.number}

    def __init__(self, data, *, kind, perspective=OVERALL, session_url="", circuit_length_m=None, **kwargs):
        race_only = {"total_time", "status"}
        qualifying_only = {"speed", "car_class"}
        exclude = qualifying_only if kind == "race" else race_only
        if perspective != OVERALL:
            exclude = exclude | {"car_class"}
        super().__init__(data, exclude=tuple(exclude), **kwargs)
        self.perspective = perspective
        self.session_url = session_url
        self.circuit_length_m = circuit_length_m
        if kind == "race":
            self.sequence = [
                "overall_position",
                "class_position",
                "number",
                "team",
                "drivers",
                "car",
                "laps",
                "total_time",
                "gap",
                "interval",
                "best_lap",
                "status",
                "...",
            ]
        else:
            self.sequence = [
                "overall_position",
                "class_position",
                "number",
                "car_class",
                "team",
                "drivers",
                "car",
                "best_lap",
                "gap",
                "interval",
                "laps",
                "speed",
                "...",
            ]

    def render_number(self, record, value):
        if not self.session_url:
            return value
        return format_html('<a href="{}car/{}/">{}</a>', self.session_url, value, value)

    def render_car_class(self, record, value):
        return format_html('<span class="class-chip cls-{}">{}</span>', record.entry.car_class_id, value)

    def render_drivers(self, record):
        names = driver_names(record)
        return format_html_join(
            ", ",
            '<span class="{}">{}</span>',
            (("lap-driver" if name == record.best_lap_driver else "driver", name) for name in names),
        )

    def render_total_time(self, value):
        return format_lap_time(value)

    def render_best_lap(self, record, value):
        text = format_lap_time(value)
        if record.has_fastest_lap or (self.perspective != OVERALL and record.has_class_fastest_lap):
            return format_html('<span class="fastest" title="Fastest lap">{}</span>', text)
        return text

    def render_gap(self, record):
        row_gaps = gaps(record, self.perspective)
        return gap_text(row_gaps.gap_to_leader_ms, row_gaps.gap_to_leader_laps, is_leader=row_gaps.is_leader)

    def render_interval(self, record):
        row_gaps = gaps(record, self.perspective)
        return gap_text(row_gaps.interval_ms, row_gaps.interval_laps, is_leader=row_gaps.is_leader)

    def render_speed(self, value):
        return speed_kph(self.circuit_length_m, value)

    def render_status(self, record):
        return record.get_status_display()

    def value_number(self, value):
        return value

    def value_drivers(self, record):
        return " / ".join(driver_names(record))

    def value_car_class(self, value):
        return value

    def value_best_lap(self, value):
        return format_lap_time(value)


class LapTable(tables.Table):
    """Every lap of one car; a deleted time is struck through with why, by whom and when."""

    lap_number = tables.Column("Lap")
    driver = tables.Column("Driver", accessor="driver__full_name", default="", orderable=False)
    lap_time = tables.Column("Time", accessor="lap_time_ms")
    sector_1 = tables.Column("S1", accessor="sector_1_ms", default="")
    sector_2 = tables.Column("S2", accessor="sector_2_ms", default="")
    sector_3 = tables.Column("S3", accessor="sector_3_ms", default="")
    pit = tables.Column("Pit", accessor="crossed_line_in_pit", orderable=False)
    pit_time = tables.Column("Pit time", accessor="pit_time_ms", default="")
    elapsed = tables.Column("Elapsed", accessor="elapsed_ms", default="")
    deletion = tables.Column("Deleted", accessor="is_time_deleted", orderable=False)

    class Meta:
        model = Lap
        fields = ()
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


def session_table_url(session):
    return reverse(
        "events:session",
        args=[session.round.season.championship.slug, session.round.season.year, session.round.slug, session.slug],
    )
