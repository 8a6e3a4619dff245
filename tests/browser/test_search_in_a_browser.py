"""Search in a browser, at a phone's width and a desktop's: the header's box takes a query
(Enter) to the search page, which lists the driver as a link; nothing scrolls sideways,
no policy violation. Screenshots go to tests/artifacts."""

from pathlib import Path

import pytest

from events.models import Driver
from tests.browser.conftest import ARTIFACTS, CHROMIUM, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_box_finds_a_driver_by_a_name_without_its_accents(browser, live_server, demo, width):
    Driver.objects.create(first_name="Zoé", last_name="Ténière", nationality="FRA")
    page, errors = open_page(browser, f"{live_server.url}/wec/2021/portimao/qualifying/", width)
    assert not scrolls_sideways(page)
    page.fill("#site-search-q", "zoe teniere")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search?q=zoe+teniere")
    link = page.locator(".search-group a", has_text="Zoé Ténière")
    assert link.get_attribute("href") == "/drivers/zoe-teniere/"
    assert page.locator("#search-page-q").input_value() == "zoe teniere"
    assert not scrolls_sideways(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"search-{width}.png", full_page=True)
    link.click()
    page.wait_for_url("**/drivers/zoe-teniere/")
    assert page.locator("h1").inner_text() == "Zoé Ténière"
    assert not scrolls_sideways(page)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()
