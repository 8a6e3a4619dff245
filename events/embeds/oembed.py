"""oEmbed (https://oembed.com) helpers: which of our URLs can be embedded, and what a newsroom pastes."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from django.http import QueryDict
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse

from .charts import ChartOptions
from .options import EmbedOptions


class EmbedTarget(NamedTuple):
    path: str  # the embed's path and query on this site
    kwargs: dict  # the page's URL arguments
    kind: str  # "results", "charts" or "standings"


def embed_url_for(url: str, host: str) -> EmbedTarget | None:
    """The embed of one of our session, charts or standings pages or embeds; None if not ours."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.netloc != host:
        return None
    path = parts.path
    if path.startswith("/embed/"):  # an embed's own address: the page's, behind /embed
        path = path[len("/embed") :]
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name == "events:standings":
        return _standings_embed_url(QueryDict(parts.query), match.kwargs)
    if match.view_name == "events:session_charts":
        embed_path = reverse("events:charts_embed", kwargs=match.kwargs)
        query = ChartOptions.from_query(QueryDict(parts.query)).query()
        return EmbedTarget(f"{embed_path}?{query}" if query else embed_path, match.kwargs, "charts")
    if match.view_name != "events:session":
        return None
    embed_path = reverse("events:embed", kwargs=match.kwargs)
    query = EmbedOptions.from_page_query(QueryDict(parts.query)).query()
    return EmbedTarget(f"{embed_path}?{query}" if query else embed_path, match.kwargs, "results")


def _standings_embed_url(query: QueryDict, kwargs: dict) -> EmbedTarget | None:
    """The embed of a standings page's table (``?table=``, ``after``, ``top``, ``theme``); None without a table."""
    if not query.get("table"):
        return None
    pairs = [(name, query[name]) for name in ("table", "after", "top", "theme") if query.get(name)]
    return EmbedTarget(f"{reverse('events:standings_embed', kwargs=kwargs)}?{urlencode(pairs)}", kwargs, "standings")


def _snippet(request, embed_address: str) -> str:
    """A holder div for ``embed_address`` (a path and query on this site) and our host script, which sizes the frame."""
    script = request.build_absolute_uri(static("events/js/embed.js"))
    return f'<div data-wecresults-embed="{embed_address}"></div>\n<script src="{script}" async></script>'


def standings_embed_snippet(request, season, table_key: str, view) -> str:
    """What a newsroom pastes for one standings table (after the round shown, when not the latest)."""
    kwargs = {"championship": season.championship.slug, "year": season.year}
    pairs = [("table", table_key)]
    if view.after_param:
        pairs.append(("after", view.after_param))
    return _snippet(request, f"{reverse('events:standings_embed', kwargs=kwargs)}?{urlencode(pairs)}")


def charts_embed_snippet(request, session, options) -> str:
    """What a newsroom pastes for a session's charts (of the classes, hours and reference car chosen)."""
    path = reverse("events:charts_embed", kwargs=session.address.url_kwargs())
    query = options.query(theme=False)
    return _snippet(request, f"{path}?{query}" if query else path)


def oembed_query(page_url: str) -> str:
    """The query of our oEmbed address for a page (the session page links it for discovery)."""
    return urlencode({"url": page_url, "format": "json"})


def embed_snippet(request, session, options: EmbedOptions) -> str:
    """What a newsroom pastes: a holder div and our host script, which sizes the frame."""
    embed_path = reverse("events:embed", kwargs=session.address.url_kwargs())
    query = options.query()
    return _snippet(request, f"{embed_path}?{query}" if query else embed_path)


def at_most(value: int, limit: str) -> int:
    """``value``, or the consumer's ``maxwidth``/``maxheight`` when that is a smaller positive number."""
    return min(value, int(limit)) if limit.isdecimal() and int(limit) > 0 else value
