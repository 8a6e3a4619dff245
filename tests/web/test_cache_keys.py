"""The results cache keys an answer on the parameters its view knows, the scheme and the host:
junk parameters cannot make every request a miss, and one host never gets another's links."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import CarClass, Entry, Session
from events.web import caching

EMBED = "/embed/wec/2021/portimao/qualifying/"
PAGE = "/wec/2021/portimao/qualifying/"
JSON_URL = "/api/v1/wec/2021/portimao/qualifying/classification"
# Without a shared cache (these tests' settings) a kept answer costs one query: the session's stamp.
HIT_QUERIES = 1


def get_counting(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def numbers(html):
    """The car numbers of an embed's rows, in order."""
    return re.findall(r'<td class="col-number">(.*?)</td>', html)


def test_junk_parameters_still_hit_the_kept_embed(client, demo_shared):
    url = EMBED + "?class=HYPERCAR"
    first = client.get(url)  # teaches the address
    client.get(url)  # kept
    for junk in ("&x=1", "&x=2", "&x=3&y=4", "&utm_source=news&utm_medium=x"):
        again, queries = get_counting(client, url + junk)
        assert (again.status_code, queries) == (200, HIT_QUERIES), junk
        assert again.content == first.content
        assert again["ETag"] == first["ETag"]
    again, queries = get_counting(client, EMBED + "?x=1&class=HYPERCAR")
    assert (queries, again.content) == (HIT_QUERIES, first.content)


def test_an_answer_does_not_depend_on_junk_parameters(client, demo_shared):
    plain = client.get(PAGE + "?view=overall").content
    fresh = Client()  # a new client's middleware has learnt nothing: the page is built afresh
    junk = fresh.get(PAGE + "?view=overall&x=%3Cb%3E1").content.decode()
    assert "x=" not in junk
    assert '<a href="?">By class</a>' in junk
    assert junk.encode() == plain


def test_known_parameters_give_their_own_kept_answers(client, demo_shared):
    urls = {
        EMBED + "?class=HYPERCAR": ["36", "8", "7", "709"],
        EMBED + "?class=HYPERCAR&top=2": ["36", "8"],
        EMBED + "?class=LMGTE+Pro&top=2": ["92", "51"],
        EMBED + "?class=HYPERCAR&class=LMGTE+Pro&top=1": ["36", "92"],
    }
    for _ in range(2):  # teach each address, then keep each answer
        for url in urls:
            client.get(url)
    for url, expected in urls.items():
        again, queries = get_counting(client, url + "&junk=1")
        assert (queries, numbers(again.content.decode())) == (HIT_QUERIES, expected), url


def test_the_order_of_known_parameters_does_not_matter(client, demo_shared):
    first = client.get(EMBED + "?class=HYPERCAR&top=2&theme=dark")
    client.get(EMBED + "?class=HYPERCAR&top=2&theme=dark")
    for url in (EMBED + "?theme=dark&top=2&class=HYPERCAR", EMBED + "?top=2&x=1&class=HYPERCAR&theme=dark"):
        again, queries = get_counting(client, url)
        assert (queries, again.content) == (HIT_QUERIES, first.content), url
    assert '<html lang="en" data-theme="dark">' in first.content.decode()


def test_the_session_page_keys_on_its_filters_view_and_sorts(client, demo_shared):
    sorted_lmp2 = PAGE + "?lmp2-sort=-number"
    plain = client.get(PAGE)
    client.get(PAGE)
    for url in (PAGE + "?zz-sort=-number", PAGE + "?x=1&y=2", PAGE + "?x=1&x=2"):
        again, queries = get_counting(client, url)
        assert (queries, again.content) == (HIT_QUERIES, plain.content), url
    client.get(sorted_lmp2)
    sorted_body = client.get(sorted_lmp2).content
    assert sorted_body != plain.content
    again, queries = get_counting(client, sorted_lmp2 + "&junk=1")
    assert (queries, again.content) == (HIT_QUERIES, sorted_body)
    client.get(PAGE + "?team=AF+Corse")
    filtered = client.get(PAGE + "?team=AF+Corse").content
    again, queries = get_counting(client, PAGE + "?junk=1&team=AF+Corse")
    assert (queries, again.content) == (HIT_QUERIES, filtered)
    assert filtered not in (plain.content, sorted_body)


def test_the_classification_json_knows_no_parameter(client, demo_shared):
    first = client.get(JSON_URL)
    client.get(JSON_URL)
    again, queries = get_counting(client, JSON_URL + "?x=1&format=xml")
    assert (again.status_code, queries, again.content) == (200, HIT_QUERIES, first.content)


@pytest.fixture
def two_hosts(settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]


def test_two_hosts_never_share_a_kept_answer(client, demo_shared, two_hosts):
    for _ in range(2):  # a.example teaches the address and has its answers kept
        client.get(PAGE, HTTP_HOST="a.example")
        client.get(EMBED, HTTP_HOST="a.example")
    for host in ("a.example", "b.example", "a.example", "b.example"):
        page, _ = get_counting(client, PAGE, HTTP_HOST=host)
        html = page.content.decode()
        assert f"&lt;script src=&quot;http://{host}/static/events/js/embed.js&quot; async&gt;" in html
        assert f"url=http%3A%2F%2F{host}%2Fwec%2F2021%2Fportimao%2Fqualifying%2F&amp;format=json" in html
        assert f'href="http://{host}/oembed?url=' in html  # the discovery link is absolute
        assert html.count(".example") == 3, host
        embed = client.get(EMBED, HTTP_HOST=host).content.decode()
        assert f'<a href="http://{host}/wec/2021/portimao/qualifying/" target="_blank"' in embed
        assert embed.count(".example") == 1, host


def test_the_scheme_is_part_of_the_key(client, demo_shared, two_hosts):
    for _ in range(2):
        client.get(EMBED, HTTP_HOST="a.example")
    secure = client.get(EMBED, HTTP_HOST="a.example", secure=True).content.decode()
    assert '<a href="https://a.example/wec/2021/portimao/qualifying/" target="_blank"' in secure
    plain, queries = get_counting(client, EMBED, HTTP_HOST="a.example")
    assert queries == HIT_QUERIES
    assert '<a href="http://a.example/wec/2021/portimao/qualifying/" target="_blank"' in plain.content.decode()


@pytest.mark.parametrize("learnt", [False, True])
def test_a_query_longer_than_the_cap_gets_400(client, demo_shared, learnt):
    if learnt:  # the middleware answers, before parsing the query ...
        client.get(EMBED)
        client.get(EMBED)
    too_long = "?x=" + "a" * (caching.MAX_QUERY_CHARS - 1)  # ... or the view, the first time
    response, queries = get_counting(client, EMBED + too_long)
    assert (response.status_code, response.content, queries) == (
        400,
        b"The query string is too long (at most 2048 characters).",
        0,
    )
    assert response["Content-Type"] == "text/plain"
    assert client.get(EMBED + too_long[:-1]).status_code == 200


def test_a_class_that_comes_brings_its_sort_parameter_into_the_key(client, demo_shared, monkeypatch):
    monkeypatch.setattr(caching, "MAX_ADDRESSES", 1)  # the page's address is learnt again even when the map is full
    for _ in range(2):  # learnt while the session has four classes
        client.get(PAGE)
    session = Session.objects.get(slug="qualifying")
    garage = CarClass.objects.create(season=session.round.season, code="Garage 56", name="Garage 56", display_order=9)
    for entry in Entry.objects.filter(round=session.round, number__in=["36", "8"]):
        entry.car_class = garage
        entry.save()  # a new results version
    sorted_url = PAGE + "?garage-56-sort=-class_position"
    sorted_body = client.get(sorted_url).content  # the view reads a parameter the middleware did not know
    plain = Client().get(PAGE).content  # built afresh: a new client's middleware has learnt nothing
    assert sorted_body != plain
    for url in (PAGE, PAGE, sorted_url, sorted_url):  # learnt again, then kept apart
        assert client.get(url).content == (sorted_body if url == sorted_url else plain)
    for url, body in ((PAGE, plain), (sorted_url, sorted_body)):
        again, queries = get_counting(client, url)
        assert (queries, again.content) == (HIT_QUERIES, body), url
