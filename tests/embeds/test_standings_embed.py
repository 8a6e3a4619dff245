"""The standings embed and its oEmbed: one table, framable, escaped, after any round."""

import json
import re

import pytest

from events import services
from tests.helpers import table_rows
from tests.results.standings_season import standings_season_build

EMBED = "/embed/wec/2025/standings/"
EVIL_TEAM = '<script>alert("team")</script>'


@pytest.fixture
def built(db):
    return standings_season_build(team_names={"Team WRT": EVIL_TEAM})


def test_embed_shows_one_table_top_n_and_links_to_the_page(client, built):
    response = client.get(EMBED, {"table": "lmgt3-teams", "after": "imola", "top": "2", "theme": "dark"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert table_rows(html) == [
        ["Pos", "Teams", "Car", "R1", "R2", "Points"],
        ["1=", "#33 TF Sport", "#33", "18 2", "26P 1", "44"],
        ["1=", "#92 Manthey 1st Phorm", "#92", "26P 1", "18 2", "44"],
    ]
    assert '<html lang="en" data-theme="dark">' in html
    assert '<span class="updated">after 6 Hours of Imola</span>' in html
    assert "status-provisional" not in html  # Qatar and Imola are final
    assert (
        '<a href="http://testserver/wec/2025/standings/?table=lmgt3-teams&amp;after=imola" target="_blank" '
        'rel="noopener">Full standings on wecresults</a>'
    ) in html


def test_embed_escapes_names(client, built):
    html = client.get(EMBED, {"table": "lmgt3-teams"}).content.decode()
    assert "<script>alert" not in html
    assert '<th scope="row" class="col-name">#46 &lt;script&gt;alert(&quot;team&quot;)&lt;/script&gt;</th>' in html
    assert '<span class="status status-provisional">Provisional</span>' in html


def test_embed_says_live_while_a_counted_race_runs(client, built):
    services.session_status_set(session=built.races["spa"], status="live", user=None)
    html = client.get(EMBED, {"table": "lmgt3-teams"}).content.decode()
    assert '<span class="status status-live">Live</span>' in html
    assert "status-provisional" not in html
    after_imola = client.get(EMBED, {"table": "lmgt3-teams", "after": "imola"}).content.decode()
    assert "status-live" not in after_imola  # Spa does not count there


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Name one of the standings tables of WEC 2025 (hypercar-drivers, hypercar-manufacturers, "
             "hypercar-teams, lmgt3-drivers, lmgt3-teams)."),
        ("?table=nope", "No standings table “nope” in WEC 2025 (its tables: hypercar-drivers, "
                        "hypercar-manufacturers, hypercar-teams, lmgt3-drivers, lmgt3-teams)."),
        ("?table=lmgt3-teams&after=le-mans", "No round “le-mans” with a race in WEC 2025."),
    ],
)  # fmt: skip
def test_embed_of_what_is_not_there_is_a_404_naming_it(client, built, query, message):
    response = client.get(f"{EMBED}{query}")
    assert (response.status_code, response.context["exception"]) == (404, message)


def test_oembed_for_a_standings_page_frames_the_table(client, built):
    page = "http://testserver/wec/2025/standings/?table=lmgt3-teams&after=imola&utm_source=x"
    response = client.get("/oembed", {"url": page, "format": "json", "maxwidth": "500"})
    assert response.status_code == 200
    data = response.json()
    # the frame (60 px), the table's caption and head (59 px) and 3 rows (27 px each)
    assert data == {
        "version": "1.0",
        "type": "rich",
        "provider_name": "wecresults",
        "provider_url": "http://testserver/",
        "title": "WEC 2025 – FIA Endurance Trophy for LMGT3 Teams",
        "html": (
            '<iframe src="http://testserver/embed/wec/2025/standings/?table=lmgt3-teams&amp;after=imola" '
            'width="500" height="176" title="WEC 2025 – FIA Endurance Trophy for LMGT3 Teams" loading="lazy" '
            'scrolling="no" style="border:0;width:100%;max-width:500px" class="wecresults-embed"></iframe>'
            '<script src="http://testserver/static/events/js/embed.js" async></script>'
        ),
        "width": 500,
        "height": 60 + 35 + 3 * 27,  # frame (header, footer), table head, rows
        "cache_age": 300,
    }
    top = client.get("/oembed", {"url": "http://testserver/embed/wec/2025/standings/?table=hypercar-drivers&top=3"})
    assert json.loads(top.content)["height"] == 60 + 35 + 3 * 27
    assert 'src="http://testserver/embed/wec/2025/standings/?table=hypercar-drivers&amp;top=3"' in top.json()["html"]


def test_oembed_of_a_standings_page_without_a_table_or_unknown_is_404(client, built):
    assert client.get("/oembed", {"url": "http://testserver/wec/2025/standings/"}).status_code == 404
    assert client.get("/oembed", {"url": "http://testserver/wec/2025/standings/?table=nope"}).status_code == 404
    assert client.get("/oembed", {"url": "http://testserver/wec/2030/standings/?table=lmgt3-teams"}).status_code == 404


def test_embed_draws_the_points_chart_of_the_rows_it_shows_when_asked(client, built):
    html = client.get(EMBED, {"table": "lmgt3-teams", "top": "2"}).content.decode()
    assert "<svg" not in html and "charts.js" not in html and "charts.css" not in html
    response = client.get(EMBED, {"table": "lmgt3-teams", "top": "2", "chart": "1", "theme": "dark"})
    html = response.content.decode()
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert '<link rel="stylesheet" href="/static/events/css/charts.css">' in html
    assert '<script src="/static/events/js/charts.js" defer></script>' in html
    assert '<div class="chart-scroll"><svg class="chart points-chart" viewBox="0 0 960 320"' in html
    # The two rows shown: #92 26, 44, 53 (53 at the top, y 16) and #33 18, 44, 51.5.
    assert re.findall(r'data-car="([^"]+)"><title>([^<]+)</title><polyline points="([^"]+)"', html) == [
        ("Manthey 1st Phorm|92", "#92 Manthey 1st Phorm: 53 points", "44,156.6 412,62.9 780,16"),
        ("TF Sport|33", "#33 TF Sport: 51.5 points", "44,198.3 412,62.9 780,23.8"),
    ]
    assert "style=" not in html
