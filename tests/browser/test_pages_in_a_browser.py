"""Site pages in a real browser (Debian's Chromium through Playwright): what a reader on a phone
or a laptop sees of the car and session tables. Screenshots go to tests/artifacts/."""

from pathlib import Path

import pytest

from events import services
from events.models import Lap
from tests.browser.conftest import ARTIFACTS, CHROMIUM

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

SESSION = "/wec/2021/portimao/qualifying/"
IN_VIEW = "element => { const r = element.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }"


def test_a_phone_sees_why_a_lap_time_was_deleted(browser, live_server, demo):
    lap = Lap.objects.get(session__slug="qualifying", entry__number="36", lap_number=3)
    services.lap_time_delete(lap=lap, note="Track limits at turn 1", user=None)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}{SESSION}car/36/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "car-laps-390.png", full_page=True)
    reason = page.locator("tr.lap-deleted .deletion-reason")
    assert reason.inner_text().startswith("Track limits: Track limits at turn 1 on ")
    assert reason.is_visible()
    assert reason.evaluate(IN_VIEW)
    page.close()


def test_the_overall_table_shows_km_h_at_1280_px(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/wec/2021/portimao/qualifying/?view=overall")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "overall-1280.png", full_page=True)
    header = page.locator("thead th.col-speed").first
    assert header.inner_text() == "KM/H"
    assert header.is_visible()
    # The whole last column shows inside the table's box, with no sideways scroll needed to find it.
    shown = header.evaluate(
        "element => { const box = element.closest('.table-scroll').getBoundingClientRect();"
        " const cell = element.getBoundingClientRect(); return cell.left >= box.left && cell.right <= box.right; }"
    )
    assert shown
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    page.close()
