"""The lap editor's list (the admin changelist of laps) in a real browser (Debian's Chromium
through Playwright): on a 1280 px laptop, navigation sidebar open, the whole table shows with
no sideways scroll; on a 390 px phone, the car, lap, the time to correct and the deletion do.
Screenshots go to tests/artifacts/."""

import re
from pathlib import Path

import pytest

from events import services
from events.models import Lap, Session
from tests.browser.conftest import ARTIFACTS, CHROMIUM

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

NOTE = "Track limits at turn 1 and turn 15, confirmed by the stewards after the onboard video (document 42)"
COLUMNS = [
    "car",
    "lap_number",
    "driver",
    "lap_time_ms",
    "time_status",
    "sector_1",
    "sector_2",
    "sector_3",
    "crossed_line_in_pit",
    "pit_time",
    "flag_at_line",
    "elapsed",
]
# Where things are, in CSS pixels of the viewport: the table's scrolling box (Django's
# `.results`), the table, its header cells, and the cells of the deleted lap's row.
GEOMETRY = """pk => {
  const edges = element => {
    const box = element.getBoundingClientRect();
    return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width};
  };
  const table = document.querySelector('#result_list');
  const results = table.closest('.results');
  const row = table.querySelector(`input.action-select[value="${pk}"]`).closest('tr');
  return {
    viewport: innerWidth,
    page: document.documentElement.scrollWidth,
    results: {...edges(results), clientWidth: results.clientWidth, scrollWidth: results.scrollWidth},
    table: edges(table),
    filter: edges(document.querySelector('#changelist-filter')),
    headers: [...table.querySelectorAll('thead th')].map(cell => ({
      name: cell.className, shown: getComputedStyle(cell).display !== 'none', ...edges(cell)})),
    car: edges(row.querySelector('td.field-car')),
    lap: edges(row.querySelector('.field-lap_number a')),
    time: edges(row.querySelector('td.field-lap_time_ms input')),
    deleted: edges(row.querySelector('td.field-time_status span.lap-deleted')),
  };
}"""


def column(header: dict) -> str:
    match = re.search(r"\bcolumn-(\S+)", header["name"])
    return match.group(1) if match else "checkbox"


def inside(inner: dict, outer: dict) -> bool:
    return inner["left"] >= outer["left"] and inner["right"] <= outer["right"] and inner["width"] > 0


@pytest.fixture
def deleted_lap(demo, editor):
    """Lap 2 of #7, near the top of the list, its time deleted with a long note."""
    lap = Lap.objects.get(session__round__slug="portimao", session__slug="qualifying", entry__number="7", lap_number=2)
    return services.lap_time_delete(lap=lap, note=NOTE, user=editor)


def lap_list(browser, live_server, editor, lap, width: int, height: int):
    """The editor's lap list of the lap's session, in a fresh browser (navigation sidebar open)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "secret-password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/events/lap/?session__id__exact={lap.session_id}")
    assert Session.objects.get(pk=lap.session_id).laps.values("entry").distinct().count() >= 3
    assert NOTE in page.inner_text(f"tr:has(input.action-select[value='{lap.pk}']) td.field-time_status")
    return page


def test_a_laptop_sees_the_whole_lap_table(browser, live_server, editor, deleted_lap):
    page = lap_list(browser, live_server, editor, deleted_lap, 1280, 800)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-laps-1280.png", full_page=True)
    assert page.locator("#nav-sidebar").is_visible()  # the narrowest a laptop's list gets
    geometry = page.evaluate(GEOMETRY, deleted_lap.pk)
    page.close()
    viewport = {"left": 0, "right": 1280}

    assert geometry["page"] == 1280
    # Nothing hides in the table's own scrolling box either: it is as wide as its content.
    assert geometry["results"]["scrollWidth"] == geometry["results"]["clientWidth"]
    headers = geometry["headers"]
    assert [column(header) for header in headers] == ["checkbox", *COLUMNS]
    assert all(header["shown"] for header in headers)
    outside = [column(header) for header in headers if not inside(header, viewport)]
    assert outside == []
    outside = [column(header) for header in headers if not inside(header, geometry["results"])]
    assert outside == []
    for cell in ("car", "lap", "time", "deleted"):
        assert inside(geometry[cell], geometry["results"]), cell
    # The filter goes above the table rather than taking 270 px beside it.
    assert geometry["filter"]["bottom"] <= geometry["table"]["top"]
    # The long deletion wraps into a readable column, not a word a line.
    assert geometry["deleted"]["width"] >= 150


def test_a_phone_sees_the_car_lap_time_and_deletion(browser, live_server, editor, deleted_lap):
    page = lap_list(browser, live_server, editor, deleted_lap, 390, 844)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "admin-laps-390.png", full_page=True)
    geometry = page.evaluate(GEOMETRY, deleted_lap.pk)
    page.close()
    viewport = {"left": 0, "right": 390}

    assert geometry["page"] == 390
    for cell in ("car", "lap", "time", "deleted"):
        assert inside(geometry[cell], viewport), (cell, geometry[cell])
        assert inside(geometry[cell], geometry["results"]), (cell, geometry[cell])
    assert geometry["time"]["right"] <= 390
    # The columns an editor acts on, all of them in view; the reference columns wait on the lap's page.
    shown = [column(header) for header in geometry["headers"] if header["shown"]]
    assert shown == ["checkbox", "car", "lap_number", "lap_time_ms", "time_status"]
    assert geometry["results"]["scrollWidth"] == geometry["results"]["clientWidth"]


def test_a_wide_screen_keeps_the_filter_beside_the_whole_table(browser, live_server, editor, deleted_lap):
    page = lap_list(browser, live_server, editor, deleted_lap, 1600, 900)
    assert page.locator("#nav-sidebar").is_visible()
    geometry = page.evaluate(GEOMETRY, deleted_lap.pk)
    page.close()

    assert geometry["page"] == 1600
    assert geometry["filter"]["left"] >= geometry["table"]["right"]
    assert geometry["results"]["scrollWidth"] == geometry["results"]["clientWidth"]
    assert all(header["shown"] and header["right"] <= geometry["filter"]["left"] for header in geometry["headers"])
