"""The standings page and its embed in a real browser (Debian's Chromium through Playwright), on a
390 px phone and a 1280 px laptop: the document never scrolls sideways (the table does, in its
own box, with position and name kept in view), the first rows read as expected, the strict
content security policy is never violated, and a news page's frame grows to the embed's table.
Screenshots go to tests/artifacts/."""

import datetime as dt
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from events import services
from events.enums import PenaltyKind, SessionStatus
from events.models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    Round,
    RoundPole,
    Season,
    Session,
    Team,
)
from tests.browser.conftest import ARTIFACTS, CHROMIUM, NEWS_ORIGIN, RECORD_VIOLATIONS, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

PAGE = "/wec/2023/standings/"
EMBED = "/embed/wec/2023/standings/?table=hypercar-drivers"
ROUNDS = 8
# (number, class, team, manufacturer); a car's laps are slower by its class rank, which turns
# each round (see ``lap_time_ms``).
CARS = [
    ("7", "HYPERCAR", "Toyota Gazoo Racing", "Toyota"),
    ("8", "HYPERCAR", "Toyota Gazoo Racing", "Toyota"),
    ("50", "HYPERCAR", "Ferrari AF Corse", "Ferrari"),
    ("51", "HYPERCAR", "Ferrari AF Corse", "Ferrari"),
    ("22", "LMP2", "United Autosports", "Oreca"),
    ("38", "LMP2", "Hertz Team Jota", "Oreca"),
    ("41", "LMP2", "Team WRT", "Oreca"),
    ("63", "LMP2", "Prema Racing", "Oreca"),
]
LAPS = 12
# Each cell's text as shown, a line break (the page puts the class position under the points) as a space.
ROW_CELLS = "row => [...row.cells].map(cell => cell.innerText.trim().replace(/\\s+/g, ' '))"


def lap_time_ms(class_rank: int, order: int) -> int:
    return 100_000 + (class_rank + order) % 4 * 500


@pytest.fixture
def season_2023(transactional_db):
    """Eight rounds of 2023 (the 2021-2023 rules), four Hypercars and four LMP2s with two drivers
    each; #8 retires in round 1, #7 is disqualified in round 2, the editors give the Hypercar
    pole in each round, and the last round is still provisional."""
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=2023)
    classes = {
        code: CarClass.objects.create(season=season, code=code, name=name, display_order=order, colour=colour)
        for order, (code, name, colour) in enumerate([("HYPERCAR", "Hypercar", "#d4001a"), ("LMP2", "LMP2", "#1f5fbf")])
    }
    circuit = Circuit.objects.create(name="Sebring", country="USA", length_m=6019)
    drivers = {
        number: [Driver.objects.create(first_name=first, last_name=f"Racer{number}") for first in ("Alex", "Sam")]
        for number, *_ in CARS
    }
    for order in range(1, ROUNDS + 1):
        round_ = Round.objects.create(
            season=season, order=order, name=f"Round {order}", slug=f"round-{order}", circuit=circuit,
            start_date=dt.date(2023, 3, 1) + dt.timedelta(days=14 * order),
            end_date=dt.date(2023, 3, 1) + dt.timedelta(days=14 * order),
        )  # fmt: skip
        status = SessionStatus.PROVISIONAL if order == ROUNDS else SessionStatus.FINAL
        race = Session.objects.create(round=round_, kind="race", name="Race", slug="race", status=status)
        laps, entries = [], {}
        for index, (number, code, team_name, manufacturer) in enumerate(CARS):
            team, _ = Team.objects.get_or_create(name=team_name)
            entry = Entry.objects.create(
                round=round_, number=number, car_class=classes[code], team=team, car="Car", manufacturer=manufacturer
            )
            entries[number] = entry
            for slot, driver in enumerate(drivers[number], start=1):
                EntryDriver.objects.create(entry=entry, driver=driver, order=slot)
            elapsed = 0
            for lap_number in range(1, (3 if (order, number) == (1, "8") else LAPS) + 1):
                time_ms = lap_time_ms(index % 4, order)
                elapsed += time_ms
                laps.append(
                    Lap(session=race, entry=entry, driver=drivers[number][lap_number % 2], lap_number=lap_number,
                        lap_time_ms=time_ms, elapsed_ms=elapsed)
                )  # fmt: skip
        Lap.objects.bulk_create(laps)
        services.session_results_touch(session_ids=[race.pk])
        RoundPole.objects.create(round=round_, car_class=classes["HYPERCAR"], entry=entries[CARS[order % 4][0]])
        if order == 2:
            services.penalty_apply(
                session=race, entry=entries["7"], kind=PenaltyKind.DISQUALIFICATION, reason="Plank wear", user=None
            )
    return season


ROUND_HEADS = [f"R{order}" for order in range(1, ROUNDS + 1)]
# Hypercar drivers after 8 rounds, with the 2021-2023 points (25, 18, 15, 12 ..., pole 1): #50
# and #51 take turns, their two drivers share a place; #50's round 1 is 3rd (15), behind #51
# and #7, as #8 retired; its poles are rounds 2 and 6 (26 = 25 + 1).
FIRST_ROWS = [
    ["POS", "DRIVERS", "CAR", *ROUND_HEADS, "POINTS"],
    ["1=", "Alex Racer50", "#50", "15 3", "26P 1", "18 2", "15 3", "12 4", "26P 1", "18 2", "15 3", "145"],
    ["1=", "Sam Racer50", "#50", "15 3", "26P 1", "18 2", "15 3", "12 4", "26P 1", "18 2", "15 3", "145"],
    ["3=", "Alex Racer51", "#51", "25 1", "18 2", "16P 3", "12 4", "25 1", "18 2", "16P 3", "12 4", "142"],
]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_standings_page_scrolls_only_its_table(browser, live_server, season_2023, width):
    page, errors = open_page(browser, f"{live_server.url}{PAGE}", width)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"standings-{width}.png", full_page=True)
    table = page.locator("#hypercar-drivers table")
    assert table.is_visible()
    rows = [row.evaluate(ROW_CELLS) for row in table.locator("tr").all()[:4]]
    assert rows == FIRST_ROWS
    assert page.locator(".standings-status .status-provisional").inner_text() == "Provisional"
    # Round 2, the disqualification: its pole is #50's, #7's drivers keep its class position mark.
    seventh = table.locator("tbody tr", has_text="Alex Racer7")
    assert seventh.locator("td.col-round.unplaced").evaluate_all("cells => cells.map(cell => cell.innerText)") == [
        "0\nDSQ"
    ]
    assert not scrolls_sideways(page)
    box = page.locator("#hypercar-drivers .table-scroll")
    overflows = box.evaluate("box => box.scrollWidth > box.clientWidth")
    assert overflows == (width == 390)
    if overflows:  # position and name stay in view while the rounds scroll under them
        name = table.locator("tbody tr:first-child .col-name")
        left = name.evaluate("cell => cell.getBoundingClientRect().left")
        box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        assert abs(name.evaluate("cell => cell.getBoundingClientRect().left") - left) < 1
        assert not scrolls_sideways(page)
    assert page.evaluate("window.cspViolations") == [] and errors == []
    page.close()


# A point on the last segment of a group's line (by the names, in view once one was hovered),
# in the page's coordinates.
LINE_POINT = """car => {
  const line = car.querySelector("polyline"), count = line.points.length;
  const [a, b] = [line.points[count - 2], line.points[count - 1]];
  const point = new DOMPoint((a.x + b.x) / 2, (a.y + b.y) / 2).matrixTransform(line.getScreenCTM());
  return [point.x, point.y];
}"""
HIGHLIGHTED = "cars => cars.map(car => car.querySelector('title').textContent)"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_points_chart_under_a_table_highlights_a_line(browser, live_server, season_2023, width):
    page, errors = open_page(browser, f"{live_server.url}{PAGE}", width)
    chart = page.locator("#hypercar-drivers .chart-scroll svg.chart.points-chart")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible() and page.locator("svg.points-chart").count() == 4  # a chart per table
    cars = chart.locator("g.car")
    # The 8 Hypercar drivers, in the table's order (two drivers a car: lines in pairs).
    assert chart.locator("title").first.text_content().endswith("each driver's points total after each of 8 rounds")
    assert cars.count() == 8
    assert cars.evaluate_all(HIGHLIGHTED)[:3] == [
        "Alex Racer50: 145 points", "Sam Racer50: 145 points", "Alex Racer51: 142 points",
    ]  # fmt: skip
    # Hovering a name: its line is highlighted, the others dimmed.
    cars.first.locator("text").hover()
    assert page.eval_on_selector_all("svg.chart g.car.highlight", HIGHLIGHTED) == ["Alex Racer50: 145 points"]
    assert cars.nth(5).evaluate("car => getComputedStyle(car).opacity") == "0.2"
    page.mouse.move(1, 1)
    assert page.locator("g.car.highlight").count() == 0
    # Hovering the line itself (Sam Racer51's, drawn over Alex Racer51's identical one).
    x, y = cars.nth(3).evaluate(LINE_POINT)
    page.mouse.move(x, y)
    assert page.eval_on_selector_all("svg.chart g.car.highlight", HIGHLIGHTED) == ["Sam Racer51: 142 points"]
    assert chart.evaluate("svg => svg.classList.contains('has-highlight')")
    assert not scrolls_sideways(page)
    # Wider than a phone: the chart scrolls in its own box.
    box = page.locator("#hypercar-drivers .chart-scroll")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth") == (width == 390)
    assert page.evaluate("window.cspViolations") == [] and errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    box.screenshot(path=ARTIFACTS / f"standings-chart-{width}.png")
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_standings_embed_fits_its_frame(browser, live_server, season_2023, width):
    page, errors = open_page(browser, f"{live_server.url}{EMBED}", width)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"standings-embed-{width}.png", full_page=True)
    table = page.locator("table.standings-table")
    assert table.is_visible()
    assert [row.evaluate(ROW_CELLS) for row in table.locator("tr").all()[:4]] == FIRST_ROWS
    assert page.locator("header .status-provisional").inner_text() == "Provisional"
    assert not scrolls_sideways(page)
    # Every row is one line high, as the oEmbed height counts them.
    heights = table.locator("tbody tr").evaluate_all("rows => rows.map(row => row.getBoundingClientRect().height)")
    assert set(heights) == {27}
    assert page.evaluate("window.cspViolations") == [] and errors == []
    page.close()


def news_page(browser, body: str, width: int):
    """A news article on another origin, served through page.route, with what the newsroom pasted."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    html = f"<!doctype html><html><body><h1>Race report</h1>{body}<p>More news</p></body></html>"
    page.route(f"{NEWS_ORIGIN}/**", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{NEWS_ORIGIN}/article")
    return page, errors


def grown_frame(page):
    """The frame's element and content frame, once the frame is as tall as its document (or after 5 s)."""
    element = page.wait_for_selector("iframe")
    frame = element.content_frame()
    frame.wait_for_selector("table")
    for _ in range(50):
        content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        if element.evaluate("element => Math.round(element.getBoundingClientRect().height)") == content:
            break
        page.wait_for_timeout(100)
    return element, frame


def frame_check(page, errors, name: str):
    element, frame = grown_frame(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    outer = element.evaluate("element => Math.round(element.getBoundingClientRect().height)")
    # As tall as its document (not the 300 px embed.js starts at), which holds the whole table.
    assert outer == content and content != 300
    assert frame.evaluate("document.querySelector('footer').getBoundingClientRect().bottom") <= outer
    assert not frame.evaluate("document.documentElement.scrollHeight > document.documentElement.clientHeight")
    assert not scrolls_sideways(frame) and not scrolls_sideways(page)
    assert [row.evaluate(ROW_CELLS) for row in frame.locator("tr").all()[:4]] == FIRST_ROWS
    assert frame.evaluate("window.cspViolations") == [] and errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_pasted_standings_snippet_grows_to_its_table(browser, live_server, season_2023, width):
    page = browser.new_page()
    page.goto(f"{live_server.url}{PAGE}")
    snippet = page.locator("#hypercar-drivers .embed-dialog textarea").input_value()
    page.close()
    assert snippet == (
        '<div data-wecresults-embed="/embed/wec/2023/standings/?table=hypercar-drivers"></div>\n'
        f'<script src="{live_server.url}/static/events/js/embed.js" async></script>'
    )
    page, errors = news_page(browser, snippet, width)
    frame_check(page, errors, f"standings-embed-js-{width}")
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_oembed_standings_iframe_grows_to_its_table(browser, live_server, season_2023, width):
    url = urllib.parse.quote(f"{live_server.url}{PAGE}?table=hypercar-drivers", safe="")
    with urllib.request.urlopen(f"{live_server.url}/oembed?url={url}&format=json") as response:
        data = json.load(response)
    page, errors = news_page(browser, data["html"], width)
    frame_check(page, errors, f"standings-iframe-{width}")
    page.close()


@pytest.mark.parametrize("table", ["hypercar-drivers", "lmp2-teams"])
def test_the_standings_oembed_height_is_the_embeds_height_at_640_px(browser, live_server, season_2023, table):
    url = urllib.parse.quote(f"{live_server.url}{PAGE}?table={table}", safe="")
    with urllib.request.urlopen(f"{live_server.url}/oembed?url={url}&format=json") as response:
        data = json.load(response)
    # A short viewport, so that the document's scroll height is its content's, not the window's.
    page = browser.new_page(viewport={"width": data["width"], "height": 100})
    page.goto(f"{live_server.url}/embed{PAGE}?table={table}")
    assert (data["width"], data["height"]) == (640, page.evaluate("document.documentElement.scrollHeight"))
    page.close()
