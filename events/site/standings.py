"""A season's championship standings page: one table per title, after any round."""

from django.shortcuts import render
from django.urls import reverse

from .. import selectors
from ..embeds.oembed import oembed_query, standings_embed_snippet
from ..interfaces.standings import standings_lines
from ..web.season_caching import season_cached

PAGE_PARAMS = ("table", "after")


@season_cached(params=PAGE_PARAMS)
def standings(request, championship, year):
    """Every title's table (or the one ``?table=`` names) after the latest round (or ``?after=``)."""
    season = request.season
    view = selectors.season_standings(season, after=request.GET.get("after") or None)
    keys = [round_.key for round_ in view.rounds]
    chosen = request.GET.get("table", "")
    tables = [table for table in view.tables if not chosen or table.key == chosen]
    latest = not keys or view.after_round == keys[-1]
    page_url = request.build_absolute_uri(request.get_full_path())
    return render(
        request,
        "events/standings.html",
        {
            "season": season,
            "view": view,
            "chosen": chosen,
            "after": "" if latest else view.after_round,
            "sections": [
                (table, standings_lines(table, keys), standings_embed_snippet(request, season, table.key, view))
                for table in tables
            ],
            "all_tables": view.tables,
            "season_classes": selectors.season_classes(season),  # for the class colours
            "rounds": view.rounds,
            "last_round": view.rounds[-1] if view.rounds else None,
            # Every round with a race, for "after round": the view's rounds stop at the one chosen.
            "raced_rounds": view.rounds if not request.GET.get("after") else selectors.season_standings(season).rounds,
            "oembed_url": request.build_absolute_uri(f"{reverse('events:oembed')}?{oembed_query(page_url)}"),
        },
    )
