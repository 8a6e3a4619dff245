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

from .interfaces.presenters import CLASS, result_cells, rows_by_class

# The embed page's policy: the site's own, but any site may frame it.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
THEMES = ("auto", "light", "dark")
COMPACT_COLUMNS = ["class_position", "number", "team", "best_lap", "gap"]
COMPACT_RACE_COLUMNS = ["class_position", "number", "team", "laps", "gap", "status"]
FULL_COLUMNS = ["class_position", "overall_position", "number", "team", "drivers", "car", "best_lap", "gap",
                "interval", "laps"]  # fmt: skip
FULL_RACE_COLUMNS = ["class_position", "overall_position", "number", "team", "drivers", "car", "laps",
                     "total_time", "gap", "interval", "best_lap", "status"]  # fmt: skip
HEADERS = {
    "class_position": "Pos", "overall_position": "Ovr", "number": "No", "team": "Team", "drivers": "Drivers",
    "car": "Car", "laps": "Laps", "total_time": "Time", "best_lap": "Best lap", "gap": "Gap", "interval": "Int",
    "status": "Status",
}  # fmt: skip
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
    race = kind == "race"
    if options.columns == "full":
        names = FULL_RACE_COLUMNS if race else FULL_COLUMNS
    else:
        names = COMPACT_RACE_COLUMNS if race else COMPACT_COLUMNS
    wanted = {code.upper() for code in options.classes}
    sections = []
    for car_class, class_rows in rows_by_class(rows):
        if wanted and car_class.code.upper() not in wanted:
            continue
        if options.top:
            class_rows = class_rows[: options.top]
        cells = [
            [(name, result_cells(row, perspective=CLASS, session_url=session_url,
                                 circuit_length_m=circuit_length_m)[name].html) for name in names]
            for row in class_rows
        ]  # fmt: skip
        sections.append((car_class, [(name, HEADERS[name]) for name in names], cells))
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
