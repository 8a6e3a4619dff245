"""The embed page (a session's result table for other sites to frame) and its oEmbed description."""

from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from .. import selectors
from ..addresses import SessionAddress
from ..web.caching import results_cached, results_condition, shared_caching
from .charts import ChartOptions, chart_sections, charts_height
from .oembed import at_most, embed_url_for
from .options import EMBED_CSP, EMBED_PARAMS, EmbedOptions, embed_sections, estimated_height
from .standings import standings_embed_table, standings_height


@results_cached(params=EMBED_PARAMS)
@results_condition
@xframe_options_exempt
@csp_override(EMBED_CSP)
def embed(request, championship, year, round, session):
    """A session's result table for other sites to frame."""
    return shared_caching(_embed(request, selectors.session_get(SessionAddress(championship, year, round, session))))


def _embed(request, session):
    options = EmbedOptions.from_query(request.GET)
    rows = list(selectors.session_result_rows(session))
    page_url = reverse("events:session", kwargs=session.address.url_kwargs())
    sections = embed_sections(
        rows, options, kind=session.kind, session_url="",  # inside a frame a link would replace the table
        circuit_length_m=session.round.circuit.length_m if session.round.circuit else None,
    )  # fmt: skip
    return render(
        request,
        "events/embed.html",
        {"session": session, "sections": sections, "options": options,
         "page_url": request.build_absolute_uri(page_url)},
    )  # fmt: skip


def oembed(request):
    """oEmbed (https://oembed.com) for our session, charts and standings pages and embeds: a rich iframe."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only the json format is offered.", status=501, content_type="text/plain")
    found = embed_url_for(request.GET.get("url", ""), request.get_host())
    if found is None:
        raise Http404("Not one of our session, charts or standings pages (with ?table=) or embeds.")
    embed_path, kwargs, kind = found
    query = QueryDict(embed_path.partition("?")[2])
    if kind == "charts":
        session = selectors.session_get(SessionAddress.from_kwargs(**kwargs))
        _charts, chart_sections_shown = chart_sections(session, ChartOptions.from_query(query))
        content_height = charts_height(chart_sections_shown)
        title = f"{session.round.name} {session.round.season.year} – {session.name}: charts"
    elif kind == "results":
        session = selectors.session_get(SessionAddress.from_kwargs(**kwargs))
        rows = list(selectors.session_result_rows(session))
        sections = embed_sections(
            rows, EmbedOptions.from_query(query), kind=session.kind, session_url="", circuit_length_m=None
        )
        content_height = estimated_height(sections)
        title = f"{session.round.name} {session.round.season.year} – {session.name}"
    else:  # a standings table
        season = selectors.season_get(championship=kwargs["championship"], year=kwargs["year"])
        _view, table, lines = standings_embed_table(season, query)
        content_height = standings_height(lines)
        title = f"{season} – {table.title}"
    width = at_most(640, request.GET.get("maxwidth", ""))
    height = at_most(content_height, request.GET.get("maxheight", ""))
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
