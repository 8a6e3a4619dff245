"""Two editors, two browsers (Debian's Chromium through Playwright), one session's lap list:
the later save from an older page shows a conflict with both values, saves nothing until
the editor chooses, loses nothing, and the history shows each editor's change."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.core.laptime import format_lap_time
from events.models import Lap
from tests.browser.conftest import ARTIFACTS, CHROMIUM

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def bob(db):
    user = get_user_model().objects.create_user("bob", password="secret-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def lap_list_as(browser, live_server, user, lap):
    """The user's own browser (own cookies), logged in, on the lap list of the lap's car."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "secret-password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/events/lap/?session__id__exact={lap.session_id}&car={lap.entry_id}")
    return page


def time_input(page, lap):
    return page.locator(f"tr:has(input.action-select[value='{lap.pk}']) td.field-lap_time_ms input[type=text]")


def test_a_stale_save_shows_the_conflict_and_loses_nothing(browser, live_server, demo, editor, bob):
    laps = list(
        Lap.objects.filter(session__slug="qualifying", entry__number="36", is_time_deleted=False).order_by(
            "lap_number"
        )[:2]
    )
    first, second = laps
    theirs, mine, other = first.lap_time_ms + 100, first.lap_time_ms + 200, second.lap_time_ms + 300
    edith_page = lap_list_as(browser, live_server, editor, first)
    bob_page = lap_list_as(browser, live_server, bob, first)

    # Bob corrects the first lap and saves; its sectors no longer add up, so he says the time is right.
    time_input(bob_page, first).fill(format_lap_time(theirs))
    bob_page.click("input[name=_save]")
    bob_page.wait_for_load_state()
    assert Lap.objects.get(pk=first.pk).lap_time_ms == first.lap_time_ms
    bob_page.get_by_label(f"The time is right: Lap {first.lap_number} of #36, {format_lap_time(theirs)}").check()
    bob_page.click("input[name=_save]")
    bob_page.wait_for_load_state()
    assert Lap.objects.get(pk=first.pk).lap_time_ms == theirs

    # Edith, on the page she opened before, corrects the same lap and another one, and saves.
    time_input(edith_page, first).fill(format_lap_time(mine))
    time_input(edith_page, second).fill(format_lap_time(other))
    edith_page.click("input[name=_save]")
    edith_page.wait_for_load_state()

    conflict = edith_page.locator(".edit-conflict")
    assert conflict.is_visible()
    cells = conflict.locator("tbody tr td").all_inner_texts()
    assert cells[1:5] == [
        "Lap time",
        format_lap_time(first.lap_time_ms),
        format_lap_time(mine),
        format_lap_time(theirs),
    ]
    assert cells[5].startswith("bob, ")
    # Nothing saved yet, and her page still holds what she typed.
    assert Lap.objects.get(pk=first.pk).lap_time_ms == theirs
    assert Lap.objects.get(pk=second.pk).lap_time_ms == second.lap_time_ms
    assert time_input(edith_page, first).input_value() == format_lap_time(mine)
    assert time_input(edith_page, second).input_value() == format_lap_time(other)
    ARTIFACTS.mkdir(exist_ok=True)
    edith_page.screenshot(path=ARTIFACTS / "admin-edit-conflict.png", full_page=True)

    for lap, typed in ((first, mine), (second, other)):
        edith_page.get_by_label(f"The time is right: Lap {lap.lap_number} of #36, {format_lap_time(typed)}").check()
    edith_page.get_by_role("button", name="Keep mine").click()
    edith_page.wait_for_load_state()

    assert edith_page.locator(".edit-conflict").count() == 0
    assert (Lap.objects.get(pk=first.pk).lap_time_ms, Lap.objects.get(pk=second.pk).lap_time_ms) == (mine, other)
    edith_page.goto(f"{live_server.url}/admin/events/lap/{first.pk}/history/")
    history = edith_page.inner_text("#change-history")
    rows = [line for line in history.splitlines() if "Lap time corrected" in line]
    assert len(rows) == 2
    assert "edith" in rows[0] and f"to {format_lap_time(mine)}" in rows[0]
    assert "bob" in rows[1] and f"to {format_lap_time(theirs)}" in rows[1]
