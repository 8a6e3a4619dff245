"""A session's charts for other sites to frame: the charts page's SVGs, with the embeds' theme and class choice."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from .. import selectors
from ..addresses import SessionAddress
from ..interfaces.charts import gap_chart_svg, lap_chart_svg
from ..web.caching import results_cached, results_condition, shared_caching
from .options import EMBED_CSP, EmbedOptions

CHARTS_EMBED_PARAMS = ("class", "theme")


def chosen_charts(session, classes):
    """The session's class charts, only those of ``classes`` (codes, any case) when some are given."""
    chosen = [code.upper() for code in classes if code]
    charts = selectors.session_lap_chart(session)
    return charts, chosen, [chart for chart in charts if not chosen or chart.code.upper() in chosen]


@results_cached(params=CHARTS_EMBED_PARAMS)
@results_condition
@xframe_options_exempt
@csp_override(EMBED_CSP)
def charts_embed(request, championship, year, round, session):
    """The lap chart and gap chart of each class (or of ``?class=``), for other sites to frame."""
    session = selectors.session_get(SessionAddress(championship, year, round, session))
    _charts, _chosen, shown = chosen_charts(session, request.GET.getlist("class"))
    page = reverse("events:session_charts", kwargs=session.address.url_kwargs())
    query = request.GET.urlencode()
    return shared_caching(
        render(
            request,
            "events/charts_embed.html",
            {
                "session": session,
                "options": EmbedOptions.from_query(request.GET),
                "sections": [(chart, lap_chart_svg(chart), gap_chart_svg(chart)) for chart in shown],
                "page_url": request.build_absolute_uri(f"{page}?{query}" if query else page),
            },
        )
    )
