"""Public pages: championships, seasons, rounds, classifications, grids, cars, drivers, teams."""

import hashlib

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import condition
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from . import classification, embeds, exporters, selectors
from .enums import SessionKind
from .errors import NotFound
from .filters import ResultRowFilter
from .models import CarClass, Championship, Driver, Entry, EntryDriver, Lap, ResultRow, Round, Season, Session, Team
from .presenters import CLASS, OVERALL, row_to_dict, rows_by_class
from .tables import LapTable, ResultTable


def home(request):
    """Championships and their seasons."""
    seasons = Season.objects.order_by("-year")
    championships = Championship.objects.prefetch_related(Prefetch("seasons", queryset=seasons))
    return render(request, "events/home.html", {"championships": championships})


def _season(championship: str, year: int) -> Season:
    return get_object_or_404(Season.objects.select_related("championship"), championship__slug=championship, year=year)


def season_detail(request, championship, year):
    """The calendar of rounds, with the winners of each class of each race."""
    season = _season(championship, year)
    rounds = list(season.rounds.select_related("circuit").prefetch_related("sessions").order_by("order"))
    races = [s for r in rounds for s in r.sessions.all() if s.kind == SessionKind.RACE]
    selectors.sessions_bring_up_to_date(Session.objects.filter(pk__in=[race.pk for race in races]))
    winners = (
        ResultRow.objects.filter(session__in=races, class_position=1)
        .select_related("entry__team", "entry__car_class")
        .order_by("entry__car_class__display_order")
    )
    winners_by_round: dict[int, list] = {}
    for row in winners:
        winners_by_round.setdefault(row.entry.round_id, []).append(row)
    calendar = [(r, winners_by_round.get(r.pk, [])) for r in rounds]
    return render(request, "events/season.html", {"season": season, "calendar": calendar})


def season_classes_css(request, championship, year):
    """Class colours as a stylesheet (colours are data; pages carry no inline style)."""
    season = _season(championship, year)
    css = "".join(
        f".cls-{car_class.pk}{{--class-colour:{car_class.colour}}}\n"
        for car_class in CarClass.objects.filter(season=season)
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response


def _round(championship, year, round_slug) -> Round:
    return get_object_or_404(
        Round.objects.select_related("season__championship", "circuit"),
        season__championship__slug=championship,
        season__year=year,
        slug=round_slug,
    )


def round_detail(request, championship, year, round):
    """The round's sessions and entry list."""
    round_ = _round(championship, year, round)
    entries = (
        Entry.objects.filter(round=round_)
        .select_related("team", "car_class")
        .prefetch_related(Prefetch("entry_drivers", queryset=EntryDriver.objects.select_related("driver")))
        .order_by("car_class__display_order", "car_class__code")
    )
    entries = sorted(
        entries, key=lambda e: (e.car_class.display_order, e.car_class.code, classification.number_sort_key(e.number))
    )
    return render(
        request,
        "events/round.html",
        {"round": round_, "sessions": round_.sessions.order_by("start", "pk"), "entries": entries},
    )


def _session(championship, year, round_slug, session_slug) -> Session:
    try:
        return selectors.session_get_by_path(f"{championship}/{year}/{round_slug}/{session_slug}")
    except NotFound as error:
        raise Http404(str(error)) from error


def _results_stamp(request, championship, year, round, session, **kwargs):
    """(id, results version, last change) of the addressed session, read once per request; None if unknown."""
    if not hasattr(request, "results_stamp"):
        try:
            request.results_stamp = selectors.session_results_stamp(f"{championship}/{year}/{round}/{session}")
        except NotFound as error:
            request.results_stamp = None
            request.results_stamp_error = str(error)
    return request.results_stamp


def _results_etag(request, *args, **kwargs):
    stamp = _results_stamp(request, *args, **kwargs)
    if stamp is None:
        return None
    session_id, version, changed_at = stamp
    return f"{session_id}-{version}-{int(changed_at.timestamp() * 1000) if changed_at else 0}"


def _results_last_modified(request, *args, **kwargs):
    stamp = _results_stamp(request, *args, **kwargs)
    return stamp[2] if stamp else None


# ETag and Last-Modified from the session's results version: a conditional request for
# unchanged results gets 304; an editor's change gives a new ETag at once.
results_condition = condition(etag_func=_results_etag, last_modified_func=_results_last_modified)


def _shared_caching(response):
    """For JSON and CSV that news sites fetch: caches and CDNs may keep them briefly."""
    patch_cache_control(response, public=True, max_age=60, s_maxage=300, stale_while_revalidate=600)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _cached(request, path_kwargs: dict, build):
    """The response for this address and this version of the session's results, built once.

    The key carries the results version and the time of the last change, so an editor's
    change makes the next request build afresh; nothing needs deleting. A hit costs one
    small query (shared with the conditional-request check); ``build`` gets the whole
    session only on a miss.
    """
    stamp = _results_stamp(request, **path_kwargs)
    if stamp is None:
        raise Http404(request.results_stamp_error)
    session_id, version, changed_at = stamp
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    changed = changed_at.timestamp() if changed_at else 0
    key = f"response:{session_id}:{version}:{changed}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        content, content_type, headers = cached
        response = HttpResponse(content, content_type=content_type)
        for name, value in headers.items():
            response[name] = value
        return response
    response = build(Session.objects.with_path_parts().get(pk=session_id))
    if response.status_code == 200 and not getattr(response, "streaming", False):
        if hasattr(response, "render"):
            response.render()
        headers = {name: response[name] for name in ("Content-Disposition",) if response.has_header(name)}
        cache.set(key, (response.content, response["Content-Type"], headers), timeout=24 * 3600)
    return response


@results_condition
def session_detail(request, championship, year, round, session):
    """A session's classification: one table per class in class order, or the overall table."""
    path_kwargs = {"championship": championship, "year": year, "round": round, "session": session}
    return _cached(request, path_kwargs, lambda found: _session_detail(request, found))


def _session_detail(request, session):
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


@results_condition
def session_classification_json(request, championship, year, round, session):
    """The classification as JSON: every entry overall, and each class in class order."""
    path_kwargs = {"championship": championship, "year": year, "round": round, "session": session}
    return _shared_caching(_cached(request, path_kwargs, _session_classification_json))


def _session_classification_json(session):
    rows = list(selectors.session_result_rows(session))
    data = {
        "session": {
            "path": session.path,
            "name": session.name,
            "kind": session.kind,
            "status": session.status,
            "updated_at": session.results_updated_at.isoformat() if session.results_updated_at else None,
        },
        "overall": [row_to_dict(row, perspective=OVERALL) for row in rows],
        "classes": [
            {
                "code": car_class.code,
                "name": car_class.name,
                "results": [row_to_dict(row, perspective=CLASS) for row in class_rows],
            }
            for car_class, class_rows in rows_by_class(rows)
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@results_condition
def session_classification_csv(request, championship, year, round, session):
    """The classification in the Al Kamel classification layout."""
    found = _session(championship, year, round, session)
    rows = list(selectors.session_result_rows(found))
    name = f"{found.path.replace('/', '-')}-classification"
    return _shared_caching(_csv_response(exporters.classification_csv(found, rows), name))


@results_condition
def session_laps_csv(request, championship, year, round, session):
    """Every lap in the Al Kamel analysis layout, streamed."""
    found = _session(championship, year, round, session)
    name = f"{found.path.replace('/', '-')}-laps"
    return _shared_caching(_csv_response(exporters.laps_csv(found), name, streaming=True))


def _csv_response(lines, name: str, streaming: bool = False):
    if streaming:
        response = StreamingHttpResponse((line.encode() for line in lines), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse("".join(lines).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def car_laps(request, championship, year, round, session, number):
    """Every lap of one car in a session."""
    session = _session(championship, year, round, session)
    try:
        entry = selectors.entry_get(session=session, number=number)
    except NotFound as error:
        raise Http404(str(error)) from error
    laps = (
        Lap.objects.filter(session=session, entry=entry).select_related("driver", "deleted_by").order_by("lap_number")
    )
    table = LapTable(laps)
    RequestConfig(request, paginate=False).configure(table)
    drivers = [ed.driver for ed in entry.entry_drivers.select_related("driver")]
    return render(
        request, "events/car_laps.html", {"session": session, "entry": entry, "drivers": drivers, "table": table}
    )


def grid(request, championship, year, round):
    """The starting grid: from qualifying (and Hyperpole), grouped by class."""
    round_ = _round(championship, year, round)
    grid_rows = selectors.starting_grid_of_round(round_)
    entries = {
        e.pk: e
        for e in Entry.objects.filter(round=round_)
        .select_related("team", "car_class")
        .prefetch_related(Prefetch("entry_drivers", queryset=EntryDriver.objects.select_related("driver")))
    }
    sections: dict[int, tuple] = {}
    for grid_row in grid_rows:
        entry = entries[grid_row.row.entry_id]
        sections.setdefault(entry.car_class_id, (entry.car_class, []))[1].append((grid_row, entry))
    return render(request, "events/grid.html", {"round": round_, "sections": list(sections.values())})


def driver_detail(request, pk):
    driver = get_object_or_404(Driver, pk=pk)
    selectors.sessions_bring_up_to_date(Session.objects.filter(round__entries__entry_drivers__driver=driver))
    rows = (
        ResultRow.objects.filter(entry__entry_drivers__driver=driver)
        .select_related("session__round__season__championship", "entry__team", "entry__car_class")
        .order_by("-session__round__season__year", "-session__round__order", "session__start", "session__pk")
    )
    return render(request, "events/driver.html", {"driver": driver, "rows": rows})


def team_detail(request, pk):
    team = get_object_or_404(Team, pk=pk)
    selectors.sessions_bring_up_to_date(Session.objects.filter(round__entries__team=team))
    rows = (
        ResultRow.objects.filter(entry__team=team)
        .select_related("session__round__season__championship", "entry__car_class")
        .order_by("-session__round__season__year", "-session__round__order", "session__start", "entry__number")
    )
    return render(request, "events/team.html", {"team": team, "rows": rows})


@results_condition
@xframe_options_exempt
@csp_override(embeds.EMBED_CSP)
def embed(request, championship, year, round, session):
    """A session's result table for other sites to frame."""
    path_kwargs = {"championship": championship, "year": year, "round": round, "session": session}
    return _shared_caching(_cached(request, path_kwargs, lambda found: _embed(request, found)))


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
    session = _session(kwargs["championship"], kwargs["year"], kwargs["round"], kwargs["session"])
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
    return _shared_caching(JsonResponse(data))
