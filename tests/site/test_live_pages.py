"""While a session is live its pages and embeds follow the race in place: each carries the
static live.js, a status line that says how often to look again (``data-live-interval``) and
the regions it refreshes (``data-live-region``); once it is not live they carry none of it."""

import re

import pytest

from events.enums import SessionStatus
from events.models import Session

PAGES = {
    "/wec/2021/portimao/qualifying/": ["status", "results"],
    "/wec/2021/portimao/qualifying/car/7/": ["status", "car"],
    "/wec/2021/portimao/qualifying/charts/": ["status", "charts"],
    "/embed/wec/2021/portimao/qualifying/": ["status", "results"],
    "/embed/wec/2021/portimao/qualifying/charts/": ["status", "charts"],
}
LIVE_SCRIPT = '<script src="/static/events/js/live.js" defer></script>'


@pytest.mark.parametrize("url", PAGES)
def test_a_live_page_says_what_it_refreshes_and_how_often(client, session, url):
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.LIVE)
    html = client.get(url).content.decode()
    assert re.findall(r'data-live-region="(\w+)"', html) == PAGES[url]
    assert html.count('data-live-interval="5"') == 1
    assert re.search(r'data-live-region="status" data-live-interval="5"', html)
    assert html.count(LIVE_SCRIPT) == 1
    assert "style=" not in html


@pytest.mark.parametrize("status", [SessionStatus.SCHEDULED, SessionStatus.PROVISIONAL, SessionStatus.FINAL])
@pytest.mark.parametrize("url", PAGES)
def test_a_page_that_is_not_live_does_not_poll(client, session, url, status):
    Session.objects.filter(pk=session.pk).update(status=status)
    html = client.get(url).content.decode()
    assert "data-live-interval" not in html and "live.js" not in html
    assert re.findall(r'data-live-region="(\w+)"', html) == PAGES[url]  # the regions a live page would refresh
