"""A season's championship standings page: one table per title, after any round, each with its
points progression chart (the first rows' totals after each round)."""

from django.shortcuts import render
from django.urls import reverse

from .. import selectors
from ..embeds.oembed import oembed_query, standings_embed_snippet
from ..interfaces.standings import standings_lines
from ..interfaces.standings_chart import TOP_ROWS, standings_chart_svg
from ..web.season_caching import season_cached

PAGE_PARAMS = ("table", "after")


@season_cached(params=PAGE_PARAMS)
def standings(request, championship, year):
    """Every title's table (or the one ``?table=`` names) after the latest round (or ``?after=``).

    A table or round the season does not have is a 404 naming it.
    """
    season = request.season
    view = selectors.season_standings(season, after=request.GET.get("after") or None)
    keys = [round_.key for round_ in view.rounds]
    chosen = request.GET.get("table", "")
    tables = [view.table(chosen)] if chosen else list(view.tables)
    after = view.after_param or ""
    page_url = request.build_absolute_uri(request.get_full_path())
    return render(
        request,
        "events/standings.html",
        {
            "season": season,
            "view": view,
            "chosen": chosen,
            "after": after,
            "sections": [
                (
                    table,
                    standings_lines(table, keys),
                    standings_embed_snippet(request, season, table.key, view),
                    request.build_absolute_uri(table_page(season, table.key, after)),
                    standings_chart_svg(table, view.rounds),
                )
                for table in tables
            ],
            "chart_rows": TOP_ROWS,  # the chart under a table draws its first rows only
            "all_tables": view.tables,
            "season_classes": selectors.season_classes(season),  # for the class colours
            "rounds": view.rounds,
            "last_round": view.rounds[-1] if view.rounds else None,
            # Every round with a race, for "after round": the view's rounds stop at the one chosen.
            "raced_rounds": view.raced_rounds,
            # oEmbed embeds one table: offered for a page showing one.
            "oembed_url": (
                request.build_absolute_uri(f"{reverse('events:oembed')}?{oembed_query(page_url)}") if chosen else ""
            ),
        },
    )


def table_page(season, table_key: str, after: str) -> str:
    """The page's address showing one table (after a round when not the latest)."""
    page = reverse("events:standings", kwargs={"championship": season.championship.slug, "year": season.year})
    return f"{page}?table={table_key}" + (f"&after={after}" if after else "")
