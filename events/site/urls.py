"""The public pages' and the embeds' URLs, in one ``events`` namespace."""

from django.urls import path

from ..embeds import charts as charts_embeds
from ..embeds import standings as standings_embeds
from ..embeds import views as embeds
from . import calendar, people, search, sessions, standings

app_name = "events"

SESSION = "<slug:championship>/<int:year>/<slug:round>/<slug:session>"

urlpatterns = [
    path("", calendar.home, name="home"),
    path("search", search.search, name="search"),
    # Ids first: a slug is never digits alone (``events.models.slugs``).
    path("drivers/<int:pk>/", people.driver_by_id, name="driver_by_id"),
    path("drivers/<slug:slug>/", people.driver_detail, name="driver"),
    path("teams/<int:pk>/", people.team_by_id, name="team_by_id"),
    path("teams/<slug:slug>/", people.team_detail, name="team"),
    path("oembed", embeds.oembed, name="oembed"),
    path(f"embed/{SESSION}/", embeds.embed, name="embed"),
    path(f"embed/{SESSION}/charts/", charts_embeds.charts_embed, name="charts_embed"),
    path("<slug:championship>/<int:year>/", calendar.season_detail, name="season"),
    path("<slug:championship>/<int:year>/classes.css", calendar.season_classes_css, name="season_classes_css"),
    # Before the round's address, which would take "standings" for a round's slug.
    path("<slug:championship>/<int:year>/standings/", standings.standings, name="standings"),
    path("embed/<slug:championship>/<int:year>/standings/", standings_embeds.standings_embed, name="standings_embed"),
    path("<slug:championship>/<int:year>/<slug:round>/", calendar.round_detail, name="round"),
    path("<slug:championship>/<int:year>/<slug:round>/grid/", sessions.grid, name="grid"),
    path(f"{SESSION}/", sessions.session_detail, name="session"),
    path(f"{SESSION}/charts/", sessions.session_charts, name="session_charts"),
    path(f"{SESSION}/car/<str:number>/", sessions.car_laps, name="car_laps"),
]
