"""The standings page: its tables as readers see them, links that keep the round chosen,
escaped names, 404s naming what is missing, caching and corrections."""

import re

import pytest

from events import services
from events.enums import PenaltyKind
from tests.helpers import table_rows, text_of
from tests.results.standings_season import standings_season_build

PAGE = "/wec/2025/standings/"
EVIL_TEAM = '<script>alert("team")</script>'
EVIL_DRIVER = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def built(db):
    return standings_season_build(
        team_names={"Team WRT": EVIL_TEAM}, driver_names={"Valentino Rossi": f"Vale {EVIL_DRIVER}"}
    )


def test_one_table_as_readers_see_it(client, built):
    response = client.get(PAGE, {"table": "hypercar-drivers"})
    assert response.status_code == 200
    assert table_rows(response.content.decode()) == [
        ["Pos", "Drivers", "Car", "R1", "R2", "R3", "Points"],
        ["1=", "Brendon Hartley", "#8", "26P 1", "25 1", "10P 2", "61"],
        ["1=", "Sebastien Buemi", "#8", "26P 1", "25 1", "10P 2", "61"],
        ["3=", "Antonio Fuoco", "#50", "15 4", "13P 5", "12.5 1", "40.5"],
        ["3=", "Miguel Molina", "#50", "15 4", "13P 5", "12.5 1", "40.5"],
        ["5=", "Kamui Kobayashi", "#7", "18 3", "15 4", "7.5 3", "40.5"],
        ["5=", "Nyck de Vries", "#7", "18 3", "15 4", "7.5 3", "40.5"],
        ["7=", "Robert Kubica", "#83", "12 5", "18 2", "6 4", "36"],
        ["7=", "Yifei Ye", "#83", "12 5", "18 2", "6 4", "36"],
        ["9", "Mike Conway", "#7", "18 3", "–", "7.5 3", "25.5"],
    ]
    html = response.content.decode()
    assert (
        '<td class="col-round pole">26<sup class="pole-mark">P</sup> <small class="round-position">1</small></td>'
        in html
    )
    assert "After round 3, 6 Hours of Spa · Provisional · points rules FIA World Endurance Championship 2025-" in (
        text_of(response)
    )


def test_the_page_says_live_while_a_counted_race_runs(client, built):
    services.session_status_set(session=built.races["spa"], status="live", user=None)
    response = client.get(PAGE, {"table": "hypercar-drivers"})
    assert "After round 3, 6 Hours of Spa · Live · points rules" in text_of(response)
    assert '<span class="status status-live">Live</span>' in response.content.decode()


def test_every_title_without_table_and_links_that_keep_the_round(client, built):
    html = client.get(PAGE).content.decode()
    assert [row[1] for row in table_rows(html) if row[0] == "Pos"] == [
        "Drivers", "Manufacturers", "Teams", "Drivers", "Teams",
    ]  # fmt: skip
    assert "application/json+oembed" not in html  # oEmbed shows one table: offered on a table's page
    html = client.get(PAGE, {"table": "lmgt3-teams", "after": "imola"}).content.decode()
    assert table_rows(html) == [
        ["Pos", "Teams", "Car", "R1", "R2", "Points"],
        ["1=", "#33 TF Sport", "#33", "18 2", "26P 1", "44"],
        ["1=", "#92 Manthey 1st Phorm", "#92", "26P 1", "18 2", "44"],
        ["3", f"#46 {EVIL_TEAM}", "#46", "15 3", "15 3", "30"],
    ]
    assert '<a href="/api/v1/wec/2025/standings.csv?table=lmgt3-teams&amp;after=imola" download>CSV</a>' in html
    assert '<a href="/api/v1/wec/2025/standings?after=imola">JSON</a>' in html
    assert '<a href="?table=lmgt3-teams&amp;after=spa">3. 6 Hours of Spa</a>' in html
    assert "<strong>2. 6 Hours of Imola</strong>" in html
    assert (
        "&lt;div data-wecresults-embed=&quot;/embed/wec/2025/standings/?table=lmgt3-teams&amp;after=imola&quot;&gt;"
    ) in html
    assert (
        '<link rel="alternate" type="application/json+oembed" href="http://testserver/oembed?url=http%3A%2F%2F'
        'testserver%2Fwec%2F2025%2Fstandings%2F%3Ftable%3Dlmgt3-teams%26after%3Dimola&amp;format=json"'
    ) in html
    assert "After round 2, 6 Hours of Imola · Final" in text_of(client.get(PAGE, {"after": "imola"}))


def test_hostile_names_are_text(client, built):
    for table in ("lmgt3-teams", "lmgt3-drivers"):
        html = client.get(PAGE, {"table": table}).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
    html = client.get(PAGE, {"table": "lmgt3-teams"}).content.decode()
    assert '<th scope="row" class="col-name">#46 &lt;script&gt;alert(&quot;team&quot;)&lt;/script&gt;</th>' in html
    html = client.get(PAGE, {"table": "lmgt3-drivers"}).content.decode()
    assert '<th scope="row" class="col-name">Vale &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("table=lmp2-drivers", "No standings table “lmp2-drivers” in WEC 2025 (its tables: hypercar-drivers, "
                               "hypercar-manufacturers, hypercar-teams, lmgt3-drivers, lmgt3-teams)."),
        ("after=le-mans", "No round “le-mans” with a race in WEC 2025."),
        ("after=monza&table=lmgt3-teams", "No round “monza” with a race in WEC 2025."),
    ],
)  # fmt: skip
def test_unknown_table_or_round_is_a_404_naming_it(client, built, query, message):
    response = client.get(f"{PAGE}?{query}")
    assert (response.status_code, response.context["exception"]) == (404, message)


def test_unknown_season_is_a_404(client, built):
    response = client.get("/wec/2030/standings/")
    assert (response.status_code, response.context["exception"]) == (404, "No season wec/2030.")


def test_junk_parameters_share_the_answer_and_a_correction_changes_it(client, built, editor):
    first = client.get(PAGE, {"table": "lmgt3-teams", "ref": "newsletter"})
    second = client.get(PAGE, {"table": "lmgt3-teams", "utm_campaign": "x"})
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert client.get(PAGE, {"table": "lmgt3-teams"}, headers={"If-None-Match": first["ETag"]}).status_code == 304
    services.penalty_apply(
        session=built.races["qatar"], entry=built.entry("qatar", "92"), kind=PenaltyKind.DISQUALIFICATION,
        reason="Ride height", user=editor,
    )  # fmt: skip
    changed = client.get(PAGE, {"table": "lmgt3-teams"}, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert [row[:2] + row[-1:] for row in table_rows(changed.content.decode())[1:]] == [
        ["1", "#33 TF Sport", "58.5"], ["2", f"#46 {EVIL_TEAM}", "46.5"], ["3", "#92 Manthey 1st Phorm", "28"],
    ]  # fmt: skip
    assert table_rows(changed.content.decode())[3][3] == "1P DSQ"


def test_each_table_has_its_points_chart_under_it(client, built):
    html = client.get(PAGE, {"table": "hypercar-drivers"}).content.decode()
    chart = html[html.index("</table>") :]  # under the table
    assert re.sub(r"\s+", " ", chart).startswith(
        '</table> </div> <h3>Points after each round</h3> <div class="chart-scroll"><svg class="chart '
        'points-chart" viewBox="0 0 960 320" role="img" aria-labelledby="points-chart-hypercar-drivers-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="points-chart-hypercar-drivers-title">Points progression, '
        "FIA World Endurance Drivers&#x27; Championship: each driver&#x27;s points total after each of 3 rounds</title>"
    )
    # 61 points at the top (y 16), 0 at the bottom (y 292): Hartley 26, 51, 61; Conway missed Imola
    # (18, 18) and scored half points at Spa (25.5); the rounds at x 44, 412, 780.
    assert '<title>Brendon Hartley: 61 points</title><polyline points="44,174.4 412,61.2 780,16"/>' in chart
    assert '<title>Mike Conway: 25.5 points</title><polyline points="44,210.6 412,210.6 780,176.6"/>' in chart
    assert '<text class="tick" x="412" y="308" text-anchor="middle">imola</text>' in chart
    assert re.findall(r'<g class="car car-(\d+)" data-car="\d+"><title>([^:]*):', chart) == [
        ("0", "Brendon Hartley"), ("1", "Sebastien Buemi"), ("2", "Antonio Fuoco"), ("3", "Miguel Molina"),
        ("4", "Kamui Kobayashi"), ("5", "Nyck de Vries"), ("6", "Robert Kubica"), ("7", "Yifei Ye"),
        ("8", "Mike Conway"),
    ]  # fmt: skip
    assert '<link rel="stylesheet" href="/static/events/css/charts.css">' in html
    assert '<script src="/static/events/js/charts.js" defer></script>' in html
    assert "style=" not in html and "<style" not in html


def test_every_tables_chart_after_the_round_chosen_with_names_escaped(client, built):
    html = client.get(PAGE, {"after": "imola"}).content.decode()
    assert re.findall(r'aria-labelledby="(points-chart-[a-z0-9-]+)-title"', html) == [
        "points-chart-hypercar-drivers", "points-chart-hypercar-manufacturers", "points-chart-hypercar-teams",
        "points-chart-lmgt3-drivers", "points-chart-lmgt3-teams",
    ]  # fmt: skip
    assert html.count("after each of 2 rounds</title>") == 5
    assert (
        html.count(
            'each row\'s totals in the <a href="/api/v1/wec/2025/standings?after=imola">JSON</a> (“progression”).</p>'
        )
        == 5
    )  # the chart's text alternative: the table above and the JSON
    assert '<text class="tick" x="780" y="308" text-anchor="middle">imola</text>' in html and ">spa</text>" not in html
    html = client.get(PAGE, {"table": "lmgt3-drivers"}).content.decode()
    assert "<title>Vale &quot;&gt;&lt;img src=x onerror=alert(1)&gt;: 43.5 points</title>" in html
    assert '<text x="786" y="85">Vale &quot;&gt;&lt;img src=x onerror…</text>' in html  # cut at 26 characters
    assert "<img src=x" not in html
