"""Breadcrumbs (issue 14): one pattern on every public page, Championships › season › round ›
session › car, each ancestor a link and the page itself last, plain and ``aria-current="page"``."""

import re
from pathlib import Path

import pytest

from events.models import Championship, Driver, Entry, Round, Session
from events.templatetags.events_crumbs import Crumb, crumbs_trail

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "events"
HOME = ("Championships", "/")
SEASON = ("WEC 2021", "/wec/2021/")
ROUND = ("8 Hours of Portimao", "/wec/2021/portimao/")
SESSION = ("Qualifying", "/wec/2021/portimao/qualifying/")


def crumbs_of(html: str) -> list[tuple[str, str | None]]:
    """The page's breadcrumbs as (text, link); the page itself has no link. Exactly one trail, in the
    one shape: a list in the labelled nav, the page itself last and marked current."""
    trails = re.findall(r'<nav class="crumbs" aria-label="Breadcrumbs"><ol>(.*?)</ol></nav>', html, flags=re.S)
    assert len(trails) == 1 and html.count('class="crumbs"') == 1
    items = re.findall(r"<li>(.*?)</li>", trails[0], flags=re.S)
    crumbs = []
    for index, item in enumerate(items):
        if index < len(items) - 1:
            link = re.fullmatch(r'<a href="([^"]+)">([^<]+)</a>', item)
            crumbs.append((link.group(2), link.group(1)))
        else:
            current = re.fullmatch(r'<span aria-current="page">([^<]+)</span>', item)
            crumbs.append((current.group(1), None))
    return crumbs


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/wec/2021/", [HOME, ("WEC 2021", None)]),
        ("/wec/2021/standings/", [HOME, SEASON, ("Standings", None)]),
        ("/wec/2021/portimao/", [HOME, SEASON, ("8 Hours of Portimao", None)]),
        ("/wec/2021/portimao/grid/", [HOME, SEASON, ROUND, ("Starting grid", None)]),
        ("/wec/2021/portimao/qualifying/", [HOME, SEASON, ROUND, ("Qualifying", None)]),
        ("/wec/2021/portimao/qualifying/?view=overall", [HOME, SEASON, ROUND, ("Qualifying", None)]),
        ("/wec/2021/portimao/qualifying/charts/", [HOME, SEASON, ROUND, SESSION, ("Charts", None)]),
        ("/wec/2021/portimao/qualifying/car/36/", [HOME, SEASON, ROUND, SESSION, ("#36", None)]),
        ("/drivers/matthieu-vaxiviere/", [HOME, ("Matthieu Vaxiviere", None)]),
        ("/teams/alpine-elf-matmut/", [HOME, ("Alpine Elf Matmut", None)]),
        ("/search?q=alpine", [HOME, ("Search", None)]),
    ],
)
def test_every_page_has_the_one_trail_down_to_itself(client, demo_shared, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert crumbs_of(html) == expected
    for _label, link in expected[1:-1]:  # (the home page has tests of its own)
        assert client.get(link).status_code == 200, link


def test_every_template_with_breadcrumbs_uses_the_one_include():
    """No page writes its own trail: each breadcrumbs block is the ``crumbs`` tag alone."""
    blocks = {}
    for template in sorted(TEMPLATES.glob("*.html")):
        found = re.findall(r"\{% block breadcrumbs %\}(.*?)\{% endblock %\}", template.read_text(), flags=re.S)
        if found:
            blocks[template.name] = found[0]
    assert sorted(blocks) == [
        "car_laps.html", "charts.html", "driver.html", "grid.html", "round.html", "search.html", "season.html",
        "session.html", "standings.html", "team.html",
    ]  # fmt: skip
    for name, block in blocks.items():
        assert re.fullmatch(r"\{% load events_crumbs %\}\{% crumbs [^%]*%\}", block), name
    assert "<nav" not in "".join(blocks.values())


def test_names_in_the_trail_are_escaped(client, session):
    Championship.objects.update(short_name="W<E>C")
    Round.objects.update(name="8 Hours & <b>Portimao</b>")
    Session.objects.update(name='Qualifying "1"')
    html = client.get("/wec/2021/portimao/qualifying/car/7/").content.decode()
    trail = html[html.index('<nav class="crumbs"') : html.index("</nav>")]
    assert trail == (
        '<nav class="crumbs" aria-label="Breadcrumbs"><ol>'
        '<li><a href="/">Championships</a></li>'
        '<li><a href="/wec/2021/">W&lt;E&gt;C 2021</a></li>'
        '<li><a href="/wec/2021/portimao/">8 Hours &amp; &lt;b&gt;Portimao&lt;/b&gt;</a></li>'
        '<li><a href="/wec/2021/portimao/qualifying/">Qualifying &quot;1&quot;</a></li>'
        '<li><span aria-current="page">#7</span></li></ol>'
    )


def test_a_driver_page_names_the_driver_escaped(client, session):
    Driver.objects.filter(last_name="Conway").update(last_name="O'Conway <i>")
    html = client.get("/drivers/mike-conway/").content.decode()
    assert '<li><span aria-current="page">Mike O&#x27;Conway &lt;i&gt;</span></li>' in html


def test_the_trail_from_the_deepest_level_given(session):
    entry = Entry.objects.get(number="91")
    assert crumbs_trail(session=session, entry=entry) == [
        Crumb("Championships", "/"),
        Crumb("WEC 2021", "/wec/2021/"),
        Crumb("8 Hours of Portimao", "/wec/2021/portimao/"),
        Crumb("Qualifying", "/wec/2021/portimao/qualifying/"),
        Crumb("#91"),
    ]
    assert crumbs_trail(season=session.round.season, here="Standings") == [
        Crumb("Championships", "/"),
        Crumb("WEC 2021", "/wec/2021/"),
        Crumb("Standings"),
    ]
    assert crumbs_trail(here="Search") == [Crumb("Championships", "/"), Crumb("Search")]
    with pytest.raises(ValueError, match="A car's crumbs need its session."):
        crumbs_trail(entry=entry)


def test_the_trail_is_read_without_a_query_of_its_own(client, session, django_assert_num_queries):
    """The page's session comes with its round, season and championship: the trail costs nothing."""
    loaded = Session.objects.with_path_parts().get(pk=session.pk)
    entry = Entry.objects.get(number="7")
    with django_assert_num_queries(0):
        assert [crumb.label for crumb in crumbs_trail(session=loaded, entry=entry)] == [
            "Championships", "WEC 2021", "8 Hours of Portimao", "Qualifying", "#7",
        ]  # fmt: skip
