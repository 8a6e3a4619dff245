"""A car's page in a real browser (Debian's Chromium through Playwright), on a 390 px phone and a
1280 px laptop: its lap-time chart and stint timeline never make the page scroll sideways (a
chart scrolls in its own box), the strict content security policy is never violated, and the
drivers' colours change for a dark page. Screenshots go to tests/artifacts/."""

from pathlib import Path

import pytest

from events.enums import DeletionReason
from events.models import Lap
from tests.browser.conftest import ARTIFACTS, CHROMIUM, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

CAR = "/wec/2021/portimao/qualifying/car/7/"
LAPS = 60


@pytest.fixture
def long_run(seven_with_stints):
    """#7's four laps, then 56 more: stints of Mike Conway and Jack O'Brien <b> turn about every 14
    laps, a safety car over laps 30 to 33, and a deleted time on lap 20."""
    first = Lap.objects.filter(entry=seven_with_stints, lap_number=1).select_related("driver").get()
    obrien = Lap.objects.get(entry=seven_with_stints, lap_number=3).driver
    laps = []
    for lap_number in range(5, LAPS + 1):
        caution = 30 <= lap_number <= 33
        in_lap = lap_number % 14 == 13
        laps.append(
            Lap(
                session=first.session, entry=seven_with_stints, lap_number=lap_number,
                driver=first.driver if (lap_number // 14) % 2 else obrien,
                lap_time_ms=(150_000 if caution else 120_000 if in_lap else 90_500 + lap_number % 7 * 150),
                crossed_line_in_pit=in_lap, flag_at_line="SF" if caution else "GF",
                is_time_deleted=lap_number == 20,
                deletion_reason=DeletionReason.TRACK_LIMITS if lap_number == 20 else "",
            )
        )  # fmt: skip
    Lap.objects.bulk_create(laps)
    return seven_with_stints


@pytest.mark.parametrize("width", [390, 1280])
def test_the_car_page_fits_its_charts_under_the_strict_policy(browser, live_server, long_run, width):
    page, errors = open_page(browser, f"{live_server.url}{CAR}", width)
    assert page.locator("svg.chart.lap-times").count() == 1 and page.locator("svg.chart.stints").count() == 1
    assert page.locator("svg.lap-times > g.driver > *").count() == LAPS  # the legend aside
    assert not scrolls_sideways(page)
    # On a phone the chart keeps its width and scrolls in its own box; on a laptop it fits.
    box_scrolls = page.locator(".chart-scroll").first.evaluate("box => box.scrollWidth > box.clientWidth")
    assert box_scrolls == (width == 390)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"car-charts-{width}.png", full_page=True)
    fill = "svg.lap-times g.driver-0 circle"
    assert page.locator(fill).first.evaluate("point => getComputedStyle(point).fill") == "rgb(26, 115, 232)"
    page.emulate_media(color_scheme="dark")
    assert page.locator(fill).first.evaluate("point => getComputedStyle(point).fill") == "rgb(138, 180, 248)"
    page.screenshot(path=ARTIFACTS / f"car-charts-{width}-dark.png", full_page=True)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()
