"""The live entry screen in Debian's Chromium (Playwright), as an editor keys laps in: the car
number has the focus, Tab goes to the time, Enter saves; the lap shows at the top of the list
and the car number has the focus again, with no policy violation, at 390 and 1280 px."""

from pathlib import Path

import pytest
from django.urls import reverse

from events.models import Lap
from tests.browser.conftest import CHROMIUM, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_lap_keyed_in_shows_in_the_list_and_the_car_number_has_the_focus(
    browser, live_server, editor, session, width
):
    page, errors = open_page(browser, f"{live_server.url}/admin/login/?next=/admin/", width)
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "secret-password")
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:events_session_live_entry", args=[session.pk]))

    assert page.evaluate("document.activeElement.name") == "car_number"
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    page.keyboard.type("1:30.364")
    with page.expect_navigation():  # the post, then the redirect's page
        page.keyboard.press("Enter")

    lap = Lap.objects.get(session=session, entry__number="7", lap_number=4)
    assert lap.lap_time_ms == 90_364
    first_row = page.locator("table.live-entry-laps tbody tr").first
    assert first_row.get_attribute("id") == f"lap-{lap.pk}"
    assert first_row.locator("td").nth(0).inner_text() == "#7"
    assert first_row.locator("input[name=lap_time]").input_value() == "1:30.364"
    assert page.locator("ul.messagelist li.success").inner_text() == "Lap 4 of #7: 1:30.364"
    assert page.evaluate("document.activeElement.name") == "car_number"
    assert page.locator("#id_car_number").input_value() == ""
    assert page.evaluate("window.cspViolations") == []
    assert errors == []
    assert not scrolls_sideways(page)
    page.close()
