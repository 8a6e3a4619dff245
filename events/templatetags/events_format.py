"""Template filters that format times the one way wecresults writes them."""

from django import template

from ..core.laptime import format_gap, format_lap_time

register = template.Library()


@register.filter
def lap_time(ms):
    return format_lap_time(ms)


@register.filter
def gap(ms):
    return format_gap(ms)
