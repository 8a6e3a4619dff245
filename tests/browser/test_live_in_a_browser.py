"""A live session in a real browser (Debian's Chromium through Playwright): its page and its
embed follow the race in place after a timing system posts a batch to the feed, with no
reload, no content security policy violation, and the page scrolled where the reader left it."""

import json
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from events import services
from tests.browser.conftest import ARTIFACTS, CHROMIUM, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

SESSION = "wec/2026/spa/race"
HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; ELAPSED;"
    " DRIVER_NAME; CLASS; TEAM;\n"
)


def rows(*laps):
    """(number, lap, lap time, elapsed) as Al Kamel analysis rows of two Hypercars."""
    return HEADER + "".join(
        f"{number};1;{lap};{lap_time};0;;{elapsed};Driver CAR{number};HYPERCAR;Team {number};\n"
        for number, lap, lap_time, elapsed in laps
    )


def feed(server, token, text):
    request = urllib.request.Request(
        f"{server}/api/v1/{SESSION}/feed?kind=race&round_name=6%20Hours%20of%20Spa",
        data=text.encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


@pytest.fixture
def live_race(live_server):
    editor = get_user_model().objects.create_user("timing", password="timing-password-0123")
    editor.groups.add(Group.objects.get(name="Editors"))
    _token, secret = services.api_token_issue(user=editor)
    first = feed(live_server.url, secret, rows(("7", 1, "2:10.000", "2:10.000"), ("8", 1, "2:11.000", "2:11.000")))
    assert first["session_created"] and first["status"] == "live"
    return secret


def laps_of(page_or_frame, number):
    """The Laps cell of car ``number`` in the results table."""
    row = page_or_frame.locator("tr", has=page_or_frame.locator("td.col-number", has_text=number)).first
    return row.locator("td.col-laps").inner_text().strip()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_live_page_and_its_embed_follow_a_batch_in_place(browser, live_server, live_race, width):
    page, errors = open_page(browser, f"{live_server.url}/{SESSION}/", width)
    embed, embed_errors = open_page(browser, f"{live_server.url}/embed/{SESSION}/", width)
    assert page.locator(".session-meta .status-live").text_content() == "Live"  # shown in capitals by the stylesheet
    assert laps_of(page, "7") == "1" and laps_of(embed, "7") == "1"
    page.evaluate("window.notReloaded = true")
    embed.evaluate("window.notReloaded = true")
    # #8 passes #7 on lap 2: two laps each now, #8 first.
    feed(live_server.url, live_race, rows(("7", 2, "2:12.000", "4:22.000"), ("8", 2, "2:09.000", "4:20.000")))
    for view in (page, embed):
        # Waited for with locators: a function evaluated as text would need 'unsafe-eval'.
        view.locator("[data-live-updated]").wait_for(state="attached", timeout=15_000)
        expect(view.locator("td.col-number").first).to_have_text("8", timeout=15_000)
        assert laps_of(view, "7") == "2" and laps_of(view, "8") == "2"
        assert view.evaluate("window.notReloaded") is True  # in place: the same document
        assert not scrolls_sideways(view)
        assert view.evaluate("window.cspViolations") == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"live-page-{width}.png", full_page=True)
    embed.screenshot(path=ARTIFACTS / f"live-embed-{width}.png", full_page=True)
    assert errors == [] and embed_errors == []
    page.close()
    embed.close()
