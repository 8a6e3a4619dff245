"""Template filters that format times the one way wecresults writes them."""

from django import template

from ..core.laptime import format_gap, format_lap_time, format_laps_behind
from ..core.standings import points_display

register = template.Library()


@register.filter
def lap_time(ms):
    return format_lap_time(ms)


@register.filter
def gap(ms):
    return format_gap(ms)


@register.filter
def laps_behind(laps):
    """``1 Lap``, ``3 Laps``."""
    return format_laps_behind(laps)


@register.filter
def points(value):
    """Championship points as written: 25, 12.5."""
    return points_display(value)
