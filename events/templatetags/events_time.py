"""Session start times as the circuit's clocks showed them, with room for the reader's own.

``{% session_start session %}`` writes ``<time datetime="2021-06-12T15:00:00+01:00" ...>12 Jun 2021,
15:00 WEST</time>`` and an empty, hidden ``<span class="reader-time">``; the site's static script
(``events/js/site.js``) fills it with the same instant in the reader's zone when that differs.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def session_start(session, short=False, reader=True):
    """The session's start in its circuit's local time (UTC when the zone is unknown); empty without a start.

    ``short``: without the year, with the weekday; ``reader``: with the span for the reader's zone
    (pages, which load the site's script; embeds do not).
    """
    local = session.start_local
    if local is None:
        return ""
    return format_html(
        '<time datetime="{}" data-zone="{}" title="{}" class="local-time">{}</time>{}',
        local.iso,
        local.zone,
        f"{local.zone}, {local.offset}" if local.zone != "UTC" else "UTC",
        local.short_text if short else local.text,
        mark_safe('<span class="reader-time" hidden></span>') if reader else "",
    )
