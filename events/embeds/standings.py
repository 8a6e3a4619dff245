"""A standings table for other sites to frame: the page's table, with the embeds' theme and top N,
and with ``chart=1`` the points progression chart of the rows it shows."""

from dataclasses import replace

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from .. import selectors
from ..interfaces.standings import standings_lines
from ..interfaces.standings_chart import standings_chart_svg
from ..web.caching import shared_caching
from ..web.season_caching import season_cached
from .options import EMBED_CSP, EmbedOptions

STANDINGS_EMBED_PARAMS = ("table", "after", "top", "theme", "chart")
# Heights at the oEmbed width, as embed.css fixes them (see ``options``): rows, the table's
# head and margin (no caption: the header names the title), and the frame (padding, header
# line, footer).
ROW_HEIGHT_PX, TABLE_HEIGHT_PX, FRAME_HEIGHT_PX = 27, 27 + 8, 16 + 24 + 20


def standings_embed_table(season, query):
    """(view, table, its lines) for an embed's query: ``table`` (required), ``after``, ``top``."""
    view = selectors.season_standings(season, after=query.get("after") or None)
    table = view.table(query.get("table", ""))
    lines = standings_lines(table, [round_.key for round_ in view.rounds])
    top = EmbedOptions.from_query(query).top
    return view, table, lines[:top] if top else lines


def standings_height(lines) -> int:
    return FRAME_HEIGHT_PX + TABLE_HEIGHT_PX + len(lines) * ROW_HEIGHT_PX


@season_cached(params=STANDINGS_EMBED_PARAMS)
@xframe_options_exempt
@csp_override(EMBED_CSP)
def standings_embed(request, championship, year):
    season = request.season
    view, table, lines = standings_embed_table(season, request.GET)
    page = reverse("events:standings", kwargs={"championship": championship, "year": year})
    after = f"&after={view.after_param}" if view.after_param else ""
    # The rows shown (``top``), the chart's first ones at most.
    chart = (
        standings_chart_svg(replace(table, rows=table.rows[: len(lines)]), view.rounds)
        if request.GET.get("chart") == "1"
        else ""
    )
    return shared_caching(
        render(
            request,
            "events/standings_embed.html",
            {
                "season": season,
                "view": view,
                "table": table,
                "lines": lines,
                "rounds": view.rounds,
                "season_classes": selectors.season_classes(season),  # for the class colour
                "last_round": view.rounds[-1] if view.rounds else None,
                "options": EmbedOptions.from_query(request.GET),
                "chart": chart,
                "page_url": request.build_absolute_uri(f"{page}?table={table.key}{after}"),
            },
        )
    )
