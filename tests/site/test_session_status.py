"""A session's state on its pages and embeds: a Live badge with the time of the last update,
Scheduled with its start, Provisional, Final; one CSS class per state; escaped."""

import datetime as dt
import re
from pathlib import Path

import pytest

from events import services
from events.enums import SessionStatus
from events.models import Session

SESSION = "/wec/2021/portimao/qualifying"
PAGES = [f"{SESSION}/", f"{SESSION}/car/7/", f"{SESSION}/charts/"]
EMBEDS = [f"/embed{SESSION}/", f"/embed{SESSION}/charts/"]
CHANGED = dt.datetime(2021, 6, 12, 15, 4, 5, tzinfo=dt.UTC)
START = dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC)
STATIC = Path(__file__).resolve().parents[2] / "static" / "events" / "css"


def make(session, status, *, start=START, changed=CHANGED):
    Session.objects.filter(pk=session.pk).update(status=status, start=start, results_updated_at=changed)


def header(response, tag):
    """The session's line on a page (``p.session-meta``) or an embed's ``header``, as HTML."""
    html = response.content.decode()
    pattern = r'<p class="session-meta"[^>]*>(.*?)</p>' if tag == "p" else r"<header>(.*?)</header>"
    return re.search(pattern, html, flags=re.S).group(1)


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    ("status", "start", "text", "snippet"),
    [
        (
            "live",
            START,
            "Live · started 12 Jun 2021, 15:00 WEST · last update 12 Jun 2021, 15:04:05 UTC",
            '<time datetime="2021-06-12T15:04:05+00:00">12 Jun 2021, 15:04:05 UTC</time>',
        ),
        (
            "scheduled",
            START,
            "Scheduled · starts 12 Jun 2021, 15:00 WEST",
            '<time datetime="2021-06-12T15:00:00+01:00" data-zone="Europe/Lisbon" title="Europe/Lisbon, UTC+01:00" '
            'class="local-time">12 Jun 2021, 15:00 WEST</time><span class="reader-time" hidden></span>',
        ),
        ("scheduled", None, "Scheduled", '<span class="status status-scheduled">Scheduled</span>'),
        (
            "provisional",
            START,
            "Provisional · started 12 Jun 2021, 15:00 WEST · results last changed 12 Jun 2021, 15:04 UTC",
            '<time datetime="2021-06-12T15:04:05+00:00">12 Jun 2021, 15:04 UTC</time>',
        ),
        (
            "final",
            START,
            "Final · started 12 Jun 2021, 15:00 WEST · results last changed 12 Jun 2021, 15:04 UTC",
            '<span class="status status-final">',
        ),
    ],
)
def test_each_page_says_the_sessions_state(client, session, url, status, start, text, snippet):
    make(session, status, start=start)
    line = header(client.get(url), "p")
    assert words(line) == text
    assert f'<span class="status status-{status}">{SessionStatus(status).label}</span>' in line
    assert snippet in line


@pytest.mark.parametrize("url", EMBEDS)
@pytest.mark.parametrize(
    ("status", "start", "updated"),
    [
        ("live", START, 'updated <time datetime="2021-06-12T15:04:05+00:00">12 Jun, 15:04:05 UTC</time>'),
        (
            "scheduled",
            START,
            'starts <time datetime="2021-06-12T15:00:00+01:00" data-zone="Europe/Lisbon" '
            'title="Europe/Lisbon, UTC+01:00" class="local-time">Sat 12 Jun, 15:00 WEST</time>',
        ),
        ("scheduled", None, None),
        ("provisional", START, 'updated <time datetime="2021-06-12T15:04:05+00:00">12 Jun, 15:04 UTC</time>'),
        ("final", START, 'updated <time datetime="2021-06-12T15:04:05+00:00">12 Jun, 15:04 UTC</time>'),
    ],
)
def test_each_embed_says_the_sessions_state(client, session, url, status, start, updated):
    make(session, status, start=start)
    line = header(client.get(url), "header")
    assert f'<span class="status status-{status}">{SessionStatus(status).label}</span>' in line
    assert re.findall(r'<span class="updated">(.*?)</span>', line) == ([updated] if updated else [])


def test_a_session_without_results_yet_says_only_live(client, session):
    make(session, "live", changed=None)
    assert words(header(client.get(PAGES[0]), "p")) == "Live · started 12 Jun 2021, 15:00 WEST"
    assert "updated" not in header(client.get(EMBEDS[0]), "header")


def test_the_badge_follows_the_state_at_once(client, session, editor):
    make(session, "scheduled")
    assert "status-scheduled" in header(client.get(PAGES[0]), "p")
    client.get(PAGES[0])  # kept by the results cache
    services.session_status_set(session=session, status="live", user=editor)
    assert '<span class="status status-live">Live</span>' in header(client.get(PAGES[0]), "p")


def test_a_state_that_is_not_one_is_escaped(client, session):
    make(session, '"><b>live</b>')  # written past the model's choices (20 characters at most)
    for url, tag in [(PAGES[0], "p"), (EMBEDS[0], "header")]:
        line = header(client.get(url), tag)
        assert "<b>" not in line
        assert (
            '<span class="status status-&quot;&gt;&lt;b&gt;live&lt;/b&gt;">&quot;&gt;&lt;b&gt;live&lt;/b&gt;</span>'
        ) in line


@pytest.mark.parametrize("sheet", ["site.css", "embed.css"])
def test_each_state_has_its_class_and_live_is_a_badge_in_the_themes_colours(sheet):
    css = (STATIC / sheet).read_text()
    for status in SessionStatus.values:
        assert re.search(rf"^\.status-{status} \{{", css, flags=re.M), status
    live = re.search(r"^\.status-live \{(.*?)\}", css, flags=re.M | re.S).group(1)
    assert "color: var(--live-fg);" in live and "background: var(--live-bg);" in live
    assert css.count("--live-fg:") == css.count("--live-bg:") >= 2  # light and dark
