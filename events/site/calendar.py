"""Public pages of the calendar: the championships, a season's rounds and class colours, a round."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .. import selectors
from ..web.season_caching import home_cached


@home_cached
def home(request):
    """What is live, the latest results, the next session, the leaders; then championships and seasons."""
    page = selectors.front_page(request.now)
    seasons = {latest.session.round.season for latest in page.latest} | {found.season for found in page.leaders}
    return render(request, "events/home.html", {"page": page, "class_seasons": sorted(seasons, key=str)})


def season_detail(request, championship, year):
    """The calendar of rounds, with the winners of each class of each race."""
    season = selectors.season_get(championship=championship, year=year)
    calendar = selectors.season_calendar(season)
    leaders = selectors.season_standings_leaders(season)
    return render(request, "events/season.html", {"season": season, "calendar": calendar, "leaders": leaders})


def season_classes_css(request, championship, year):
    """Class colours as a stylesheet (colours are data; pages carry no inline style)."""
    season = selectors.season_get(championship=championship, year=year)
    css = "".join(
        f".cls-{car_class.pk}{{--class-colour:{car_class.colour}}}\n" for car_class in selectors.season_classes(season)
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=300)
    return response


def round_detail(request, championship, year, round):
    """The round's sessions and entry list."""
    round_ = selectors.round_get(championship=championship, year=year, round_slug=round)
    entries = selectors.round_entries(round_)
    return render(
        request,
        "events/round.html",
        {"round": round_, "sessions": selectors.round_sessions(round_), "entries": entries},
    )
