"""Embeds in a real browser (Debian's Chromium through Playwright): a news page on another
origin frames our table by iframe and by embed.js; the frame is as tall as its content;
an editor's change in the admin shows on reload; hostile names stay text. Screenshots go to
tests/artifacts/."""

import json
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from events import services
from events.models import Driver, Lap, Session, Team
from tests.browser.conftest import ARTIFACTS, CHROMIUM, NEWS_ORIGIN

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]


def news_page(browser, live_server, body: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    html = f"<!doctype html><html><body><h1>Race report</h1>{body}<p>More news</p></body></html>"
    page.route(f"{NEWS_ORIGIN}/**", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{NEWS_ORIGIN}/article")
    return page, dialogs


def frame_heights(page):
    """The frame, its content's height and its own, once the frame has reported (or after 5 s)."""
    element = page.wait_for_selector("iframe")
    frame = element.content_frame()
    frame.wait_for_selector("table")
    for _ in range(50):
        content = frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        outer = element.evaluate("element => Math.round(element.getBoundingClientRect().height)")
        if outer == content:
            break
        page.wait_for_timeout(100)
    scrolls = frame.evaluate("document.documentElement.scrollHeight > document.documentElement.clientHeight")
    return element, frame, content, outer, scrolls


@pytest.mark.parametrize("width", [320, 1200])
def test_embed_js_sizes_the_frame_to_its_table(browser, live_server, demo, width):
    script = f'<script src="{live_server.url}/static/events/js/embed.js" async></script>'
    holder = '<div data-wecresults-embed="/embed/wec/2021/portimao/qualifying/?class=HYPERCAR&class=LMP2"></div>'
    page, dialogs = news_page(browser, live_server, holder + script, width)
    element, frame, content, outer, scrolls = frame_heights(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"embed-js-{width}.png", full_page=True)
    assert outer == content and not scrolls
    assert frame.inner_text("table tbody tr:first-child td.col-number") == "36"
    assert dialogs == []
    page.close()


@pytest.mark.parametrize("width", [320, 1200])
def test_the_oembed_iframe_shows_the_whole_table(browser, live_server, demo, width):
    with urllib.request.urlopen(
        f"{live_server.url}/oembed?url={live_server.url}/wec/2021/portimao/qualifying/&format=json"
    ) as response:
        snippet = json.load(response)["html"]
    page, dialogs = news_page(browser, live_server, snippet, width)
    element, frame, content, outer, scrolls = frame_heights(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"embed-iframe-{width}.png", full_page=True)
    assert outer == content and not scrolls
    assert frame.inner_text("caption") == "Hypercar"
    assert dialogs == []
    page.close()


@pytest.fixture
def lap_editor(transactional_db):
    """An editor with just the lap permissions this test needs, given directly."""
    user = get_user_model().objects.create_user("edith", password="secret-password", is_staff=True)
    codenames = ["view_lap", "change_lap", "delete_lap_time"]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
    return user


def test_an_editors_change_shows_on_reload(browser, live_server, demo, lap_editor):
    script = f'<script src="{live_server.url}/static/events/js/embed.js" async></script>'
    holder = '<div data-wecresults-embed="/embed/wec/2021/portimao/qualifying/?class=HYPERCAR"></div>'
    page, _ = news_page(browser, live_server, holder + script, 1200)
    _, frame, *_ = frame_heights(page)
    assert frame.inner_text("tbody tr:first-child td.col-number") == "36"
    page.reload()  # a second visit: now the embed is answered from the results cache
    _, frame, *_ = frame_heights(page)
    assert frame.inner_text("tbody tr:first-child td.col-number") == "36"

    # The editor deletes #36's pole lap time in the admin, in another tab.
    lap = Lap.objects.get(session__slug="qualifying", entry__number="36", lap_number=3)
    admin = browser.new_page()
    admin.goto(f"{live_server.url}/admin/login/?next=/admin/")
    admin.fill("#id_username", lap_editor.username)
    admin.fill("#id_password", "secret-password")
    admin.click("input[type=submit]")
    admin.goto(f"{live_server.url}/admin/events/lap/{lap.pk}/change/")
    admin.select_option("select[name='CHANGE_FORM-action']", "delete_lap_time")
    admin.click("button[name=index]")
    admin.fill("textarea[name=note], input[name=note]", "Track limits at turn 1")
    admin.click("input[type=submit].default")
    admin.wait_for_selector("text=Deleted 1 lap time(s): Track limits at turn 1")
    admin.close()

    page.reload()
    _, frame, *_ = frame_heights(page)
    assert frame.inner_text("tbody tr:first-child td.col-number") == "8"
    page.screenshot(path=ARTIFACTS / "embed-after-edit.png", full_page=True)
    page.close()


def test_hostile_names_stay_text_and_never_run(browser, live_server, demo):
    Team.objects.filter(name="Alpine Elf Matmut").update(name="<script>alert(1)</script>")
    Driver.objects.filter(last_name="Vaxiviere").update(last_name='"><img src=x onerror=alert(1)>')
    services.session_results_touch(session_ids=Session.objects.values_list("pk", flat=True))
    script = f'<script src="{live_server.url}/static/events/js/embed.js" async></script>'
    holder = '<div data-wecresults-embed="/embed/wec/2021/portimao/qualifying/?class=HYPERCAR&columns=full"></div>'
    page, dialogs = news_page(browser, live_server, holder + script, 1200)
    _, frame, *_ = frame_heights(page)
    assert frame.inner_text("tbody tr:first-child td.col-team") == "<script>alert(1)</script>"
    assert '"><img src=x onerror=alert(1)>' in frame.inner_text("tbody tr:first-child td.col-drivers")
    session_page = browser.new_page()
    session_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    session_page.goto(f"{live_server.url}/wec/2021/portimao/qualifying/")
    assert "<script>alert(1)</script>" in session_page.inner_text("table")
    session_page.wait_for_timeout(300)
    assert dialogs == []
    page.close()
    session_page.close()
