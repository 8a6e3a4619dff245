"""A race's charts in a real browser (Debian's Chromium through Playwright), on a 390 px phone
and a 1280 px laptop: the page and its embed never scroll sideways (a chart scrolls in its own
box), the strict content security policy is never violated, and hovering a car's number
highlights its line in both charts and dims the others; the form picks the car the gaps are
to; the embed's dark theme colours the charts for a dark page. Screenshots go to tests/artifacts/."""

import datetime as dt
from pathlib import Path

import pytest

from events.enums import SessionKind
from events.models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Lap, Round, Season, Session, Team
from tests.browser.conftest import ARTIFACTS, CHROMIUM, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

PAGE = "/wec/2024/bahrain/race/charts/"
EMBED = "/embed/wec/2024/bahrain/race/charts/?class=HYPERCAR"
# (number, class, lap time in ms on odd laps, on even laps): the cars swap places lap after lap.
CARS = [
    ("7", "HYPERCAR", 110_000, 111_000),
    ("8", "HYPERCAR", 111_500, 109_000),
    ("50", "HYPERCAR", 112_000, 112_000),
    ("22", "LMP2", 118_000, 118_500),
    ("23", "LMP2", 118_400, 118_000),
]
LAPS = 30
PIT_LAP = 15  # every car stops at the end of lap 15; laps 10 to 12 end under the safety car


@pytest.fixture
def race(transactional_db):
    championship = Championship.objects.create(name="FIA World Endurance Championship", short_name="WEC", slug="wec")
    season = Season.objects.create(championship=championship, year=2024)
    classes = {
        code: CarClass.objects.create(season=season, code=code, name=name, display_order=order)
        for order, (code, name) in enumerate([("HYPERCAR", "Hypercar"), ("LMP2", "LMP2")])
    }
    round_ = Round.objects.create(
        season=season, order=8, name="8 Hours of Bahrain", slug="bahrain",
        circuit=Circuit.objects.create(name="Bahrain", country="Bahrain", length_m=5412),
        start_date=dt.date(2024, 11, 2), end_date=dt.date(2024, 11, 2),
    )  # fmt: skip
    race = Session.objects.create(round=round_, kind=SessionKind.RACE, name="Race", slug="race")
    for number, code, odd, even in CARS:
        entry = Entry.objects.create(
            round=round_, number=number, car_class=classes[code], team=Team.objects.create(name=f"Team {number}")
        )
        driver = Driver.objects.create(first_name="Driver", last_name=number)
        EntryDriver.objects.create(entry=entry, driver=driver, order=1)
        elapsed = 0
        laps = []
        for lap_number in range(1, LAPS + 1):
            elapsed += odd if lap_number % 2 else even
            laps.append(Lap(session=race, entry=entry, driver=driver, lap_number=lap_number, lap_time_ms=odd,
                            elapsed_ms=elapsed, flag_at_line="SF" if 10 <= lap_number <= 12 else "GF",
                            crossed_line_in_pit=lap_number == PIT_LAP))  # fmt: skip
        Lap.objects.bulk_create(laps)
    return race


@pytest.mark.parametrize("width", [390, 1280])
def test_the_charts_page_fits_and_highlights_a_car(browser, live_server, race, width):
    page, errors = open_page(browser, f"{live_server.url}{PAGE}", width)
    assert page.locator("svg.chart.lap-chart").count() == 2 and page.locator("svg.chart.gap-chart").count() == 2
    assert not scrolls_sideways(page)
    # #8 leads the Hypercars at the end (its even laps are the fastest): first in the chart's order.
    first = page.locator("svg.lap-chart").first.locator("g.car").first
    assert first.get_attribute("data-car") == "8"
    label = page.locator('svg.lap-chart g.car[data-car="50"] text').first
    label.scroll_into_view_if_needed()
    label.hover()
    highlighted = page.eval_on_selector_all("g.car.highlight", "cars => cars.map(car => car.dataset.car)")
    assert highlighted == ["50", "50"]  # its line in the lap chart and in the gap chart
    opacity = page.locator('svg.lap-chart g.car[data-car="7"]').first.evaluate("car => getComputedStyle(car).opacity")
    assert opacity == "0.2"
    page.mouse.move(1, 1)
    assert page.locator("g.car.highlight").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"charts-{width}.png", full_page=True)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_charts_embed_fits_and_highlights_a_car(browser, live_server, race, width):
    page, errors = open_page(browser, f"{live_server.url}{EMBED}", width)
    assert page.locator("svg.chart").count() == 2  # the Hypercar lap chart and gap chart
    assert not scrolls_sideways(page)
    page.locator('svg.lap-chart g.car[data-car="7"] text').first.hover()
    assert page.eval_on_selector_all("g.car.highlight", "cars => cars.map(car => car.dataset.car)") == ["7", "7"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"charts-embed-{width}.png", full_page=True)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()


def test_the_charts_form_draws_the_gaps_to_a_chosen_car(browser, live_server, race):
    page, errors = open_page(browser, f"{live_server.url}{PAGE}", 1280)
    # Laps 10 to 12 under the safety car: one shaded band in each of the four charts.
    assert page.locator("svg.chart rect.caution-sf").count() == 4
    assert page.locator('svg.gap-chart g.car[data-car="7"] circle.pit').count() == 1
    page.select_option('select[name="ref"]', "7")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/charts/?hours=&ref=7")
    assert page.locator("h3", has_text="Gap to").all_inner_texts() == ["Gap to car #7", "Gap to the class leader"]
    assert page.locator('select[name="ref"]').input_value() == "7"
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()


def test_the_charts_embed_in_the_dark_theme(browser, live_server, race):
    page, errors = open_page(browser, f"{live_server.url}{EMBED}&theme=dark", 390)
    tick = page.locator("svg.lap-chart text.tick").first
    assert tick.evaluate("text => getComputedStyle(text).fill") == "rgb(154, 160, 166)"  # --muted on a dark page
    line = page.locator('svg.lap-chart g.car[data-car="8"]').first
    assert line.evaluate("car => getComputedStyle(car).stroke") == "rgb(90, 169, 230)"  # car-0, lighter
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "charts-embed-dark-390.png", full_page=True)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()
