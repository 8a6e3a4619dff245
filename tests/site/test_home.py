"""The front page: what is live, each championship's latest results with each class's top three,
the next session on the circuit's clocks, who leads each title; kept like other pages (ETag, 304,
a new answer at once when anything it shows changes, also when the next session's start passes)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import services
from events.enums import SessionKind
from events.models import Championship, Lap, Round, Season, Session
from tests.standings_season import build_season

NOW = dt.datetime(2021, 6, 12, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def now(monkeypatch):
    clock = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])
    return clock


def section(html, name):
    found = re.search(rf'<section class="home-{name}"[^>]*>(.*?)</section>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else None


def home(client, **headers):
    return client.get("/", headers=headers)


def test_the_latest_results_give_each_class_its_top_three(client, demo_shared, now):
    html = home(client).content.decode()
    assert section(html, "latest") == (
        "Latest results WEC 2021 · 8 Hours of Portimao · Qualifying Provisional "
        "HYPERCAR 1 #36 Alpine Elf Matmut 1:30.364 2 #8 Toyota Gazoo Racing 1:30.458 3 #7 Toyota Gazoo Racing 1:30.573 "
        "LMP2 1 #28 Jota 1:31.164 2 #38 Jota 1:31.209 3 #29 Racing Team Nederland 1:31.498 "
        "LMGTE Pro 1 #92 Porsche GT Team 1:37.986 2 #51 AF Corse 1:38.291 3 #91 Porsche GT Team 1:38.402 "
        "LMGTE Am 1 #56 Team Project 1 1:38.655 2 #77 Dempsey-Proton Racing 1:38.662 3 #47 Cetilar Racing 1:39.102"
    )
    assert (
        '<th scope="row"><a href="/wec/2021/portimao/qualifying/car/36/">#36</a>\n'
        '              <a href="/teams/alpine-elf-matmut/">Alpine Elf Matmut</a></th>'
    ) in html
    assert '<caption><span class="class-chip cls-' in html
    assert '<link rel="stylesheet" href="/wec/2021/classes.css">' in html  # the class colours
    assert section(html, "live") is None and section(html, "next") is None and section(html, "leaders") is None


def test_a_correction_shows_at_once(client, demo_shared, now, editor):
    first = home(client)
    assert "1 #36 Alpine Elf Matmut 1:30.364" in section(first.content.decode(), "latest")
    best = Lap.objects.get(session__slug="qualifying", entry__number="36", lap_time_ms=90364)
    services.lap_time_delete(lap=best, note="Track limits at turn 5", user=editor)
    html = home(client, if_none_match=first["ETag"]).content.decode()
    assert (
        "HYPERCAR 1 #8 Toyota Gazoo Racing 1:30.458 2 #36 Alpine Elf Matmut 1:30.512 3 #7 Toyota Gazoo Racing 1:30.573"
    ) in section(html, "latest")


def test_the_next_session_is_on_the_circuits_clocks_until_it_starts(client, demo_shared, now):
    round_ = Round.objects.get(slug="portimao")
    Session.objects.create(
        round=round_,
        kind=SessionKind.RACE,
        name="Race",
        slug="race",
        status="scheduled",
        start=NOW + dt.timedelta(hours=23),
    )
    Session.objects.create(  # scheduled but past: not next
        round=round_,
        kind=SessionKind.WARMUP,
        name="Warm-up",
        slug="warm-up",
        status="scheduled",
        start=NOW - dt.timedelta(hours=1),
    )
    response = home(client)
    html = response.content.decode()
    assert section(html, "next") == (
        "Next session WEC · 8 Hours of Portimao · Race · 13 Jun 2021, 12:00 WEST · Autodromo Internacional do Algarve"
    )
    assert (
        '<time datetime="2021-06-13T12:00:00+01:00" data-zone="Europe/Lisbon" title="Europe/Lisbon, UTC+01:00" '
        'class="local-time">13 Jun 2021, 12:00 WEST</time><span class="reader-time" hidden></span>'
    ) in html
    assert '<a href="/wec/2021/portimao/race/">WEC · 8 Hours of Portimao · Race</a>' in html
    assert home(client, if_none_match=response["ETag"]).status_code == 304
    now["now"] = NOW + dt.timedelta(hours=23, seconds=1)  # the race has started: nothing is next
    later = home(client, if_none_match=response["ETag"])
    assert later.status_code == 200
    assert section(later.content.decode(), "next") is None


def test_a_live_session_is_listed_first_and_kept_briefly(client, demo_shared, now, editor):
    session = Session.objects.get(slug="qualifying")
    services.session_status_set(session=session, status="live", user=editor)
    response = home(client)
    html = response.content.decode()
    assert section(html, "live") == "Live now Live WEC · 8 Hours of Portimao · Qualifying"
    assert '<a href="/wec/2021/portimao/qualifying/">WEC · 8 Hours of Portimao · Qualifying</a>' in html
    assert html.index('class="home-live"') < html.index('<section aria-labelledby="championships-title">')
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=5, stale-while-revalidate=5"
    assert section(html, "latest") is None  # a live session is not a finished one


def test_the_leaders_of_each_title(client, db, now):
    build_season()
    html = home(client).content.decode()
    assert section(html, "leaders") == (
        "Championship leaders WEC 2025 "
        "FIA World Endurance Drivers&#x27; Championship : Driver 7 (25) "
        "FIA World Endurance Manufacturers&#x27; Championship : Toyota (37) "
        "FIA Endurance Trophy for LMGT3 Drivers : Driver 92 (25) "
        "FIA Endurance Trophy for LMGT3 Teams : #92 Manthey (25)"
    )
    assert '<a href="/wec/2025/standings/?table=hypercar-drivers">' in html
    assert section(html, "latest").startswith(
        "Latest results WEC 2025 · Qatar 1812 km · Race Provisional HYPERCAR 1 #7 Toyota Gazoo Racing 10 laps "
        "2 #51 Ferrari AF Corse +10.000 3 #83 AF Corse +20.000 LMGT3 1 #92 Manthey 9 laps"
    )


def test_a_kept_answer_costs_only_the_version(client, demo_shared, now):
    first = home(client)
    with CaptureQueriesContext(connection) as queries:
        again = home(client)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert len(queries) == 1  # the version (sessions, seasons, championships in one statement), nothing else
    assert home(client, if_none_match=first["ETag"]).status_code == 304
    assert home(client).content == home(client, x="junk").content  # ?x= is not a new page


def test_a_new_season_without_sessions_shows_at_once(client, demo_shared, now):
    first = home(client)
    Season.objects.create(championship=Championship.objects.get(slug="wec"), year=2022)
    again = home(client, if_none_match=first["ETag"])
    assert again.status_code == 200
    assert '<li><a href="/wec/2022/">2022</a>' in again.content.decode()
