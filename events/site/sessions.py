"""Public pages of a session: its classification (and the CSV of it), a car's laps, the starting grid,
its charts."""

from dataclasses import replace
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django_tables2 import RequestConfig

from .. import selectors
from ..addresses import SessionAddress
from ..embeds.charts import CHARTS_PAGE_PARAMS, ChartOptions, chart_sections
from ..embeds.oembed import charts_embed_snippet, embed_snippet, oembed_query
from ..embeds.options import EmbedOptions
from ..interfaces.car_charts import driver_best_rows, lap_times_svg, stint_rows, stint_timeline_svg
from ..interfaces.filters import ResultRowFilter
from ..interfaces.presenters import CLASS, OVERALL, grid_note, rows_by_class
from ..interfaces.tables import LapTable, ResultExport, ResultTable
from ..web.caching import keep_params, results_cached, results_condition

# The page's query parameters but the sort of each class's table, which depend on its classes.
PAGE_PARAMS = frozenset({*ResultRowFilter.base_filters, "view", "o-sort", "_export"})


def page_params(rows) -> frozenset[str]:
    """Every parameter the session page reads: its filters, its view, its export and each table's sort."""
    return PAGE_PARAMS | {f"{slugify(car_class.code)}-sort" for car_class, _ in rows_by_class(rows)}


@results_cached
@results_condition
def session_detail(request, championship, year, round, session):
    """A session's classification: one table per class in class order, or the overall table."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    base = selectors.session_result_rows(session)
    all_rows = list(base)
    keep_params(request, page_params(all_rows))  # from here on request.GET holds nothing else
    filterset = ResultRowFilter(request.GET or None, queryset=base, rows=all_rows)
    filtered = filterset.is_active and filterset.is_valid()
    rows = list(filterset.qs) if filtered else all_rows
    view = OVERALL if request.GET.get("view") == OVERALL else CLASS
    session_url = request.path
    table_options = {
        "kind": session.kind,
        "session_url": session_url,
        "circuit_length_m": session.round.circuit.length_m if session.round.circuit else None,
        "driver_slugs": selectors.line_up_slugs(all_rows),  # one query for every table of the page
    }
    config = RequestConfig(request, paginate=False)
    if view == OVERALL:
        sections = [(None, config.configure(ResultTable(rows, perspective=OVERALL, prefix="o-", **table_options)))]
    else:
        sections = [
            (
                car_class,
                config.configure(
                    ResultTable(class_rows, perspective=CLASS, prefix=f"{slugify(car_class.code)}-", **table_options)
                ),
            )
            for car_class, class_rows in rows_by_class(rows)
        ]
    shown_class = filterset.form.cleaned_data.get("car_class") if filtered else ""
    embed_options = EmbedOptions(classes=(shown_class,) if shown_class else ())
    page_query = f"?{urlencode({'car_class': shown_class})}" if shown_class else ""
    page_url = request.build_absolute_uri(request.path) + page_query
    export_format = request.GET.get("_export")
    if ResultExport.is_valid_format(export_format):
        export_table = ResultTable(
            [row for _, table in sections for row in table.data],
            perspective=view,
            for_export=True,
            **{**table_options, "session_url": ""},
        )
        exporter = ResultExport(export_format, export_table)
        return exporter.response(f"{session.path.replace('/', '-')}-{view}.{export_format}")
    return render(
        request,
        "events/session.html",
        {
            "session": session,
            "sections": sections,
            "filter": filterset,
            "view": view,
            "row_count": len(rows),
            "total_count": len(all_rows),
            # Absolute (WordPress needs it), and for the class shown when the page is filtered to one.
            "oembed_url": request.build_absolute_uri(f"{reverse('events:oembed')}?{oembed_query(page_url)}"),
            "embed_snippet": embed_snippet(request, session, embed_options),
        },
    )


@results_cached(params=("sort",))
@results_condition
def car_laps(request, championship, year, round, session, number):
    """Every lap of one car in a session, with its lap-time chart, its stints and its drivers' best laps."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    entry = selectors.entry_get(session=session, number=number)
    table = LapTable(selectors.entry_laps(session=session, entry=entry))
    RequestConfig(request, paginate=False).configure(table)
    series = selectors.entry_lap_series(session=session, entry=entry)
    return render(
        request,
        "events/car_laps.html",
        {
            "session": session,
            "entry": entry,
            "drivers": selectors.entry_line_up(entry),
            "table": table,
            "lap_times": lap_times_svg(series) if series.laps else "",
            "stint_timeline": stint_timeline_svg(series) if series.laps else "",
            "stints": stint_rows(series),
            "driver_bests": driver_best_rows(series),
        },
    )


def grid(request, championship, year, round):
    """The starting grid: from qualifying (and Hyperpole), grouped by class; each car links to its
    page in the session that placed it."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    sections: dict[int, tuple] = {}
    for grid_row, entry, set_in in selectors.starting_grid_places(round_):
        place = (grid_row, entry, grid_note(grid_row), set_in)
        sections.setdefault(entry.car_class_id, (entry.car_class, []))[1].append(place)
    return render(request, "events/grid.html", {"round": round_, "sections": list(sections.values())})


@results_cached(params=CHARTS_PAGE_PARAMS)
@results_condition
def session_charts(request, championship, year, round, session):
    """A session's lap chart and gap chart per class: ``?class=`` for some (repeatable),
    ``?hours=6-12`` for those hours of the race, ``?ref=7`` for the gaps to car #7."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    options = ChartOptions.from_query(request.GET)
    charts, sections = chart_sections(session, options)
    query = options.query(theme=False)
    page_url = request.build_absolute_uri(request.path) + (f"?{query}" if query else "")
    return render(
        request,
        "events/charts.html",
        {
            "session": session,
            "classes": charts,
            "options": options,
            "kept_query": replace(options, classes=()).query(theme=False),
            "hours_refused": bool(request.GET.get("hours")) and options.hours is None,
            "reference_refused": bool(options.reference)
            and not any(car.number == options.reference for chart in charts for car in chart.series.cars),
            "sections": sections,
            "embed_snippet": charts_embed_snippet(request, session, options),
            "oembed_url": request.build_absolute_uri(f"{reverse('events:oembed')}?{oembed_query(page_url)}"),
            "data_url": reverse("api:lap_chart", kwargs=session.address.url_kwargs()),
        },
    )
