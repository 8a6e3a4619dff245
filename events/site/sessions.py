"""Public pages: championships, seasons, rounds, classifications, grids, cars, drivers, teams."""

from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from .. import selectors
from ..addresses import SessionAddress
from ..embeds import options as embeds
from ..interfaces.filters import ResultRowFilter
from ..interfaces.presenters import CLASS, OVERALL, grid_note, rows_by_class
from ..interfaces.tables import LapTable, ResultTable
from ..web.caching import results_cached, results_condition, shared_caching


def home(request):
    """Championships and their seasons."""
    return render(request, "events/home.html", {"championships": selectors.championships_with_seasons()})


def season_detail(request, championship, year):
    """The calendar of rounds, with the winners of each class of each race."""
    season = selectors.season_get(championship=championship, year=year)
    calendar = selectors.season_calendar(season)
    return render(request, "events/season.html", {"season": season, "calendar": calendar})


def season_classes_css(request, championship, year):
    """Class colours as a stylesheet (colours are data; pages carry no inline style)."""
    season = selectors.season_get(championship=championship, year=year)
    css = "".join(
        f".cls-{car_class.pk}{{--class-colour:{car_class.colour}}}\n" for car_class in selectors.season_classes(season)
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response


def round_detail(request, championship, year, round):
    """The round's sessions and entry list."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    entries = selectors.round_entries(round_)
    return render(
        request,
        "events/round.html",
        {"round": round_, "sessions": selectors.round_sessions(round_), "entries": entries},
    )


@results_cached
@results_condition
def session_detail(request, championship, year, round, session):
    """A session's classification: one table per class in class order, or the overall table."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    base = selectors.session_result_rows(session)
    all_rows = list(base)
    filterset = ResultRowFilter(request.GET or None, queryset=base, rows=all_rows)
    rows = list(filterset.qs) if filterset.is_active and filterset.is_valid() else all_rows
    view = OVERALL if request.GET.get("view") == OVERALL else CLASS
    session_url = request.path
    table_options = {
        "kind": session.kind,
        "session_url": session_url,
        "circuit_length_m": session.round.circuit.length_m if session.round.circuit else None,
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
    export_format = request.GET.get("_export")
    if TableExport.is_valid_format(export_format):
        export_table = ResultTable(
            [row for _, table in sections for row in table.data],
            perspective=view,
            for_export=True,
            **{**table_options, "session_url": ""},
        )
        exporter = TableExport(export_format, export_table)
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
            "oembed_url": f"{reverse('events:oembed')}?{embeds.oembed_query(request.build_absolute_uri(request.path))}",
            "embed_snippet": embeds.embed_snippet(request, session),
        },
    )


def car_laps(request, championship, year, round, session, number):
    """Every lap of one car in a session."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    entry = selectors.entry_get(session=session, number=number)
    table = LapTable(selectors.entry_laps(session=session, entry=entry))
    RequestConfig(request, paginate=False).configure(table)
    drivers = selectors.entry_line_up(entry)
    return render(
        request, "events/car_laps.html", {"session": session, "entry": entry, "drivers": drivers, "table": table}
    )


def grid(request, championship, year, round):
    """The starting grid: from qualifying (and Hyperpole), grouped by class."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    sections: dict[int, tuple] = {}
    for grid_row, entry in selectors.starting_grid_entries(round_):
        sections.setdefault(entry.car_class_id, (entry.car_class, []))[1].append((grid_row, entry, grid_note(grid_row)))
    return render(request, "events/grid.html", {"round": round_, "sections": list(sections.values())})


def driver_detail(request, pk):
    """A driver's results in every session."""
    driver = selectors.driver_get(pk)
    return render(request, "events/driver.html", {"driver": driver, "rows": selectors.driver_result_rows(driver)})


def team_detail(request, pk):
    """A team's results in every session."""
    team = selectors.team_get(pk)
    return render(request, "events/team.html", {"team": team, "rows": selectors.team_result_rows(team)})


@results_cached
@results_condition
@xframe_options_exempt
@csp_override(embeds.EMBED_CSP)
def embed(request, championship, year, round, session):
    """A session's result table for other sites to frame."""
    return shared_caching(_embed(request, selectors.session_get(SessionAddress(championship, year, round, session))))


def _embed(request, session):
    options = embeds.EmbedOptions.from_query(request.GET)
    rows = list(selectors.session_result_rows(session))
    page_url = reverse(
        "events:session", args=[session.round.season.championship.slug, session.round.season.year,
                                session.round.slug, session.slug],
    )  # fmt: skip
    sections = embeds.embed_sections(
        rows, options, kind=session.kind, session_url="",  # inside a frame a link would replace the table
        circuit_length_m=session.round.circuit.length_m if session.round.circuit else None,
    )  # fmt: skip
    return render(
        request,
        "events/embed.html",
        {"session": session, "sections": sections, "options": options,
         "page_url": request.build_absolute_uri(page_url)},
    )  # fmt: skip


def _at_most(value: int, limit: str) -> int:
    return min(value, int(limit)) if limit.isdigit() and int(limit) > 0 else value


def oembed(request):
    """oEmbed (https://oembed.com) for our session pages and embeds: a rich iframe."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only the json format is offered.", status=501, content_type="text/plain")
    found = embeds.embed_url_for(request.GET.get("url", ""), request.get_host())
    if found is None:
        raise Http404("Not one of our session pages or embeds.")
    embed_path, kwargs = found
    session = selectors.session_get(SessionAddress.from_kwargs(**kwargs))
    rows = list(selectors.session_result_rows(session))
    options = embeds.EmbedOptions.from_query(QueryDict(embed_path.partition("?")[2]))
    sections = embeds.embed_sections(rows, options, kind=session.kind, session_url="", circuit_length_m=None)
    width = _at_most(640, request.GET.get("maxwidth", ""))
    height = _at_most(embeds.estimated_height(sections), request.GET.get("maxheight", ""))
    title = f"{session.round.name} {session.round.season.year} – {session.name}"
    src = request.build_absolute_uri(embed_path)
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" scrolling="no" '
        'style="border:0;width:100%;max-width:{}px" class="wecresults-embed"></iframe>'
        '<script src="{}" async></script>',
        src, width, height, title, width, request.build_absolute_uri(static("events/js/embed.js")),
    )  # fmt: skip
    data = {
        "version": "1.0",
        "type": "rich",
        "provider_name": "wecresults",
        "provider_url": request.build_absolute_uri("/"),
        "title": title,
        "html": html,
        "width": width,
        "height": height,
        "cache_age": 300,
    }
    return shared_caching(JsonResponse(data))
