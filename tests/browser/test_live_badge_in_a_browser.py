"""The live badge in a real browser (Debian's Chromium through Playwright): visible in light and
dark, no inline style, no sideways scrolling at 390 px, and the embed's oEmbed height still right."""

from pathlib import Path

import pytest

from events import services
from events.models import Session
from tests.browser.conftest import ARTIFACTS, CHROMIUM, open_page, scrolls_sideways
from tests.browser.test_embed_layout_in_a_browser import PAGE, oembed_height

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

BADGE = """(() => { const s = getComputedStyle(document.querySelector('.status-live'));
  return [s.backgroundColor, s.color, s.textTransform, document.querySelector('.status-live').innerText]; })()"""


@pytest.fixture
def live(demo):
    services.session_status_set(session=Session.objects.get(slug="qualifying"), status="live", user=None)


@pytest.mark.parametrize(
    ("scheme", "colours"),
    [("light", ["rgb(197, 34, 31)", "rgb(255, 255, 255)"]), ("dark", ["rgb(242, 139, 130)", "rgb(21, 21, 24)"])],
)
@pytest.mark.parametrize(("address", "width"), [(PAGE, 390), (f"/embed{PAGE}?theme=auto", 320)])
def test_the_live_badge_shows_in_light_and_dark_without_sideways_scrolling(
    browser, live_server, live, scheme, colours, address, width
):
    page, errors = open_page(browser, "about:blank", width)
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{live_server.url}{address}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"live-{width}-{scheme}.png")
    assert page.evaluate(BADGE) == [*colours, "uppercase", "LIVE"]
    assert not scrolls_sideways(page)
    assert (errors, page.evaluate("window.cspViolations")) == ([], [])
    page.close()


def test_the_oembed_height_is_right_while_live(browser, live_server, live):
    height = oembed_height(live_server, "")
    page = browser.new_page(viewport={"width": 640, "height": 100})
    page.goto(f"{live_server.url}/embed{PAGE}")
    assert page.evaluate("document.querySelector('header').getBoundingClientRect().height") == 20
    content = page.evaluate("document.documentElement.scrollHeight")
    page.close()
    assert abs(height - content) <= 4, (height, content)
