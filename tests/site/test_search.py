"""Search: ``/search?q=`` finds drivers (accents and case ignored, part of a name, every word),
teams, cars by number and events, each a link, grouped by kind; the box is in every page."""

import pytest

from events.core.search import search_key, search_words
from events.models import Driver, Session
from events.selectors import site_search
from events.selectors.search import _car_session
from tests.helpers import text_of


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Matthieu Vaxivière", "matthieu vaxiviere"),
        ("  José-María LÓPEZ ", "jose maria lopez"),
        ("Nicolás Varrone", "nicolas varrone"),
        ("Ørsted", "rsted"),  # a letter with no ASCII form goes, as Django's slugs drop it
        ("#36", "36"),
    ],
)
def test_search_key(text, key):
    assert search_key(text) == key


def test_search_words_once_each_and_six_at_most():
    assert search_words("Fuoco fuoco FUOCO a b c d e f g") == ["fuoco", "a", "b", "c", "d", "e"]


@pytest.fixture
def teniere(demo_shared):
    return Driver.objects.create(first_name="Zoé", last_name="Ténière", nationality="FRA")


@pytest.mark.parametrize("query", ["teniere", "TÉNIÈRE", "Ténière", "tenie", "zo ten", "  Zoé  "])
def test_a_driver_is_found_whatever_the_accents_case_or_part(teniere, query):
    assert [driver.full_name for driver in site_search(query).drivers] == ["Zoé Ténière"]


def test_a_name_written_without_its_accents_is_found_by_them_too(demo_shared):
    assert [driver.full_name for driver in site_search("Vaxivière").drivers] == ["Matthieu Vaxiviere"]


def test_every_word_must_be_found(demo_shared):
    found = [driver.full_name for driver in site_search("antonio").drivers]
    assert found == ["Antonio Felix da Costa", "Antonio Fuoco"]
    assert [driver.full_name for driver in site_search("antonio fuo").drivers] == ["Antonio Fuoco"]
    assert site_search("antonio nobody").drivers == []


def test_the_search_page_groups_drivers_teams_cars_and_events_as_links(client, teniere):
    response = client.get("/search", {"q": "racing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="found-teams">Teams</h2>' in html and "found-drivers" not in html
    teams = [
        "Aston Martin Racing", "Cetilar Racing", "Dempsey-Proton Racing", "Glickenhaus Racing", "Panis Racing",
        "Racing Team Nederland", "Realteam Racing", "Richard Mille Racing Team", "Toyota Gazoo Racing",
    ]  # fmt: skip
    team_links = [line.strip() for line in html.splitlines() if line.strip().startswith('<li><a href="/teams/')]
    assert [link.split(">")[2].split("<")[0] for link in team_links] == teams
    assert '<li><a href="/teams/toyota-gazoo-racing/">Toyota Gazoo Racing</a></li>' in html
    page = client.get("/search", {"q": "ténière"}).content.decode()
    assert '<li><a href="/drivers/zoe-teniere/">Zoé Ténière</a> <span class="muted">FRA</span></li>' in page
    assert 'value="ténière"' in page  # the query stays in the box: the address can be shared


def test_a_car_number_finds_the_car_and_links_its_page(client, demo_shared):
    response = client.get("/search", {"q": "#36"})
    assert '<a href="/wec/2021/portimao/qualifying/car/36/">#36 Alpine Elf Matmut</a>' in response.content.decode()
    assert "#36 Alpine Elf Matmut HYPERCAR · WEC 2021, 8 Hours of Portimao" in text_of(response)
    cars = [(entry.number, session.slug) for entry, session in site_search("36 2021").cars]
    assert cars == [("36", "qualifying")]  # the round's race when it has one
    assert site_search("36 2019").cars == []  # another season


def test_an_event_by_its_name_or_circuit_and_a_year_lists_its_rounds(client, demo_shared):
    for query in ("portimao", "Algarve", "2021"):
        rounds = site_search(query).rounds
        assert [(r.name, r.season.year) for r in rounds] == [("8 Hours of Portimao", 2021)], query
    html = client.get("/search", {"q": "algarve"}).content.decode()
    assert '<a href="/wec/2021/portimao/">8 Hours of Portimao</a>' in html


def test_nothing_found_says_so_and_escapes_the_query(client, demo_shared):
    html = client.get("/search", {"q": "<script>x</script>"}).content.decode()
    assert "Nothing found for “&lt;script&gt;x&lt;/script&gt;”." in html
    assert "<script>x" not in html


def test_an_empty_query_shows_the_box_only_and_a_long_one_is_cut(client, demo_shared):
    html = client.get("/search").content.decode()
    assert '<input id="search-page-q" type="search" name="q" value=""' in html and "Nothing found" not in html
    long = client.get("/search", {"q": "fuoco " + "x" * 500})
    assert long.status_code == 200 and "Nothing found" in long.content.decode()


def test_every_page_has_the_search_box(client, demo_shared):
    for url in ("/", "/wec/2021/", "/wec/2021/portimao/qualifying/", "/drivers/antonio-fuoco/"):
        html = client.get(url).content.decode()
        assert '<form class="site-search" action="/search" method="get" role="search">' in html, url
        assert '<input id="site-search-q" type="search" name="q"' in html, url


def test_a_car_links_its_rounds_race_else_its_last_session():
    qualifying, race, warmup = (Session(kind=kind, slug=kind) for kind in ("qualifying", "race", "warmup"))
    assert _car_session([qualifying, race, warmup]) is race
    assert _car_session([qualifying, warmup]) is warmup
    assert _car_session([]) is None
