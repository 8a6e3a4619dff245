"""Fans find the standings: from the home page, the season page (each title's leaders) and a driver's page."""

import pytest
from django.urls import reverse

from events.enums import SessionKind
from events.models import Driver, Entry, Lap, Session


@pytest.fixture
def raced(session):
    """The Portimao round of ``session`` with a race: #7 (Hypercar) and #91 (LMGTE Pro) finish, each on 3 laps."""
    race = Session.objects.create(round=session.round, kind=SessionKind.RACE, name="Race", slug="race")
    for entry in Entry.objects.filter(round=session.round):
        driver = entry.entry_drivers.get().driver
        elapsed = 0
        for lap_number in (1, 2, 3):
            elapsed += 100_000
            Lap.objects.create(
                session=race, entry=entry, driver=driver, lap_number=lap_number, lap_time_ms=100_000, elapsed_ms=elapsed
            )
    return race


def test_home_links_each_season_to_its_standings(client, session):
    html = client.get(reverse("events:home")).content.decode()
    assert '<li><a href="/wec/2021/">2021</a>\n        · <a href="/wec/2021/standings/">standings</a></li>' in html


def test_season_page_shows_each_titles_leaders(client, raced):
    html = client.get(reverse("events:season", args=["wec", 2021])).content.decode()
    # A short race: 25 for the win, and the pole point from qualifying P1 of each class.
    assert (
        '<a href="/wec/2021/standings/?table=hypercar-drivers">FIA World Endurance Drivers&#x27; Championship' in html
    )
    assert '<span class="leader">1. Mike Conway (26)</span>' in html
    assert '<span class="leader">1. Gianmaria Bruni (26)</span>' in html  # "LMGTE Pro" counts as LMGTE PRO
    assert '<a href="/wec/2021/standings/">All standings</a>' in html


def test_season_page_without_races_has_no_leaders(client, session):
    html = client.get(reverse("events:season", args=["wec", 2021])).content.decode()
    assert "Championship leaders" not in html


def test_driver_page_gives_the_championship_place(client, raced):
    conway = Driver.objects.get(last_name="Conway")
    html = client.get(reverse("events:driver", args=[conway.slug])).content.decode()
    assert '<h2 id="championships-title">Championships</h2>' in html
    assert '<a href="/wec/2021/standings/?table=hypercar-drivers">1 with 26 points</a>' in html


def test_driver_page_escapes_names_in_the_championship_line(client, raced):
    raced.round.season.championship.short_name = "<b>WEC</b>"
    raced.round.season.championship.save()
    conway = Driver.objects.get(last_name="Conway")
    html = client.get(reverse("events:driver", args=[conway.slug])).content.decode()
    assert "<b>WEC</b>" not in html and "&lt;b&gt;WEC&lt;/b&gt;" in html
