"""The fans' front door in a browser: the front page and a driver's page at a phone's width and a
desktop's (nothing scrolls sideways, no policy violation), the next session's start in the reader's
own zone beside the circuit's, and a session printed to PDF: its tables, all classes, under the
session, its state and its last change, without navigation, filters or the embed box.
Screenshots and the PDF go to tests/artifacts."""

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from events import services
from events.enums import SessionKind
from events.models import Round, Session
from tests.browser.conftest import ARTIFACTS, CHROMIUM, open_page, scrolls_sideways

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]

RACE_START = dt.datetime(2030, 6, 15, 14, 0, tzinfo=dt.UTC)  # 15:00 WEST at Portimao, 10:00 EDT in New York


def open_in(browser, url, width, zone):
    """The page as a reader in ``zone`` sees it, in American English."""
    return open_page(browser, url, width, timezone_id=zone, locale="en-US")


@pytest.fixture
def race_ahead(demo):
    Session.objects.create(
        round=Round.objects.get(slug="portimao"),
        kind=SessionKind.RACE,
        name="Race",
        slug="race",
        status="scheduled",
        start=RACE_START,
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_front_page_tells_what_is_happening(browser, live_server, race_ahead, width):
    page, errors = open_in(browser, f"{live_server.url}/", width, "America/New_York")
    assert not scrolls_sideways(page)
    assert page.locator(".home-next time").inner_text() == "15 Jun 2030, 15:00 WEST"
    reader = page.locator(".home-next .reader-time")
    assert reader.is_visible()
    assert reader.inner_text().strip() in (
        "(your time: Sat, Jun 15, 10:00 AM EDT)",
        "(your time: Sat, Jun 15, 10:00 AM GMT-4)",
    )
    podium = page.locator(".home-podium").first
    assert podium.locator("caption").inner_text() == "HYPERCAR"
    assert podium.locator("tbody tr").first.inner_text().split() == ["1", "#36", "Alpine", "Elf", "Matmut", "1:30.364"]
    assert page.locator(".home-podium").count() == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"home-{width}.png", full_page=True)
    page.locator(".home-podium a", has_text="Alpine Elf Matmut").click()
    page.wait_for_url("**/teams/alpine-elf-matmut/")
    assert not scrolls_sideways(page)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()


def test_a_reader_at_the_circuits_zone_sees_one_time(browser, live_server, race_ahead):
    page, errors = open_in(browser, f"{live_server.url}/", 1280, "Europe/Lisbon")
    assert page.locator(".home-next time").inner_text() == "15 Jun 2030, 15:00 WEST"
    assert not page.locator(".home-next .reader-time").is_visible()
    assert errors == []
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_drivers_page_fits(browser, live_server, demo, width):
    page, errors = open_in(browser, f"{live_server.url}/drivers/nicolas-lapierre/", width, "Europe/Lisbon")
    assert page.locator("h1").inner_text() == "Nicolas Lapierre"
    assert not scrolls_sideways(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"driver-{width}.png", full_page=True)
    assert errors == [] and page.evaluate("window.cspViolations") == []
    page.close()


def test_printing_a_session_gives_its_tables_and_nothing_else(browser, live_server, demo):
    page, errors = open_in(browser, f"{live_server.url}/wec/2021/portimao/qualifying/", 1280, "Europe/Lisbon")
    pdf = page.pdf(prefer_css_page_size=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "session-print.pdf").write_bytes(pdf)
    text = " ".join(" ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "8 Hours of Portimao 2021 – Qualifying" in text
    assert "Provisional · started 12 Jun 2021, 15:00 WEST · results last changed" in text
    positions = [text.index(name) for name in ("Hypercar", "LMP2", "LMGTE Pro", "LMGTE Am")]
    assert positions == sorted(positions)  # every class, in class order
    for car in ("Alpine Elf Matmut", "1:30.364", "Team Project 1", "1:38.655"):
        assert car in text
    for left_out in ("Filter", "Embed this table", "CSV of this view", "Championships", "Search drivers", "Editors"):
        assert left_out not in text
    assert errors == []
    page.close()


def test_a_live_redraw_keeps_the_readers_time(browser, live_server, session):
    """live.js replaces the session's header in place; the site's script fills the reader's time again."""
    Session.objects.filter(pk=session.pk).update(start=dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC))
    session.refresh_from_db()
    services.session_status_set(session=session, status="live", user=None)
    page, errors = open_in(browser, f"{live_server.url}/wec/2021/portimao/qualifying/", 1280, "America/New_York")
    reader = page.locator(".session-meta .reader-time")
    assert reader.inner_text().strip() == "(your time: Sat, Jun 12, 10:00 AM EDT)"
    page.evaluate("window.notReloaded = true")
    services.lap_add(session=session, car_number="7", lap_time="1:30.100", user=None)
    page.locator("[data-live-updated]").wait_for(state="attached", timeout=15_000)
    assert page.evaluate("window.notReloaded") is True  # redrawn in place
    assert reader.inner_text().strip() == "(your time: Sat, Jun 12, 10:00 AM EDT)"
    assert errors == []
    page.close()
