"""Result tables for news sites: the embed page, its oEmbed description, and their options.

Embeds are the only pages other sites may frame (CSP ``frame-ancestors *``, no
X-Frame-Options). They set no cookie, load only our own CSS and JS, and render the
same result rows and cells as the session page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse

from ..interfaces.columns import embed_columns
from ..interfaces.presenters import CLASS, result_cells, rows_by_class

# The embed page's policy: the site's own, but any site may frame it.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
THEMES = ("auto", "light", "dark")
ROW_HEIGHT_PX, SECTION_HEIGHT_PX, FRAME_HEIGHT_PX = 29, 64, 72


@dataclass(frozen=True)
class EmbedOptions:
    classes: tuple[str, ...] = ()
    top: int | None = None
    theme: str = "auto"
    columns: str = "compact"

    @classmethod
    def from_query(cls, query) -> EmbedOptions:
        top = query.get("top", "")
        return cls(
            classes=tuple(code for code in query.getlist("class") if code),
            top=int(top) if top.isdigit() and int(top) > 0 else None,
            theme=query.get("theme") if query.get("theme") in THEMES else "auto",
            columns="full" if query.get("columns") == "full" else "compact",
        )


def embed_sections(rows, options: EmbedOptions, *, kind: str, session_url: str, circuit_length_m):
    """[(class, header labels, [[cell html, ...], ...])]: what the embed shows."""
    columns = embed_columns(kind, options.columns)
    headers = [(column.name, column.embed_label) for column in columns]
    wanted = {code.upper() for code in options.classes}
    sections = []
    for car_class, class_rows in rows_by_class(rows):
        if wanted and car_class.code.upper() not in wanted:
            continue
        if options.top:
            class_rows = class_rows[: options.top]
        cells = []
        for row in class_rows:
            row_cells = result_cells(row, perspective=CLASS, session_url=session_url, circuit_length_m=circuit_length_m)
            cells.append([(column.name, row_cells[column.name].html) for column in columns])
        sections.append((car_class, headers, cells))
    return sections


def estimated_height(sections) -> int:
    """Enough room for the table before the frame's script reports the real height."""
    rows = sum(len(cells) for _, _, cells in sections)
    return FRAME_HEIGHT_PX + len(sections) * SECTION_HEIGHT_PX + rows * ROW_HEIGHT_PX


def embed_url_for(url: str, host: str) -> tuple[str, dict] | None:
    """The embed path and URL arguments for one of our session page or embed URLs; None if not ours."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.netloc != host:
        return None
    path = parts.path
    if path.startswith("/embed/"):
        path = path[len("/embed") :]
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name != "events:session":
        return None
    embed_path = reverse("events:embed", kwargs=match.kwargs)
    return (f"{embed_path}?{parts.query}" if parts.query else embed_path), match.kwargs


def oembed_query(page_url: str) -> str:
    return urlencode({"url": page_url, "format": "json"})


def embed_snippet(request, session) -> str:
    """What a newsroom pastes: a holder div and our host script, which sizes the frame."""
    kwargs = {
        "championship": session.round.season.championship.slug,
        "year": session.round.season.year,
        "round": session.round.slug,
        "session": session.slug,
    }
    script = request.build_absolute_uri(static("events/js/embed.js"))
    return (
        f'<div data-wecresults-embed="{reverse("events:embed", kwargs=kwargs)}"></div>\n'
        f'<script src="{script}" async></script>'
    )
