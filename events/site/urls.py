from django.urls import path

from . import sessions as views

app_name = "events"

SESSION = "<slug:championship>/<int:year>/<slug:round>/<slug:session>"

urlpatterns = [
    path("", views.home, name="home"),
    path("drivers/<int:pk>/", views.driver_detail, name="driver"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("oembed", views.oembed, name="oembed"),
    path(f"embed/{SESSION}/", views.embed, name="embed"),
    path("<slug:championship>/<int:year>/", views.season_detail, name="season"),
    path("<slug:championship>/<int:year>/classes.css", views.season_classes_css, name="season_classes_css"),
    path("<slug:championship>/<int:year>/<slug:round>/", views.round_detail, name="round"),
    path("<slug:championship>/<int:year>/<slug:round>/grid/", views.grid, name="grid"),
    path(f"{SESSION}/", views.session_detail, name="session"),
    path(f"{SESSION}/car/<str:number>/", views.car_laps, name="car_laps"),
]
