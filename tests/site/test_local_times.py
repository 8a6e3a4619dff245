"""Session starts on public pages: on the circuit's clocks with the zone's letters (summer and
winter time at Portimao), in UTC when the circuit's zone is not known, and with the span the
site's script fills with the reader's own time."""

import datetime as dt
import re

import pytest

from events.models import Circuit, Session

ROUND = "/wec/2021/portimao/"
SESSION = "/wec/2021/portimao/qualifying/"


def start(session, when):
    Session.objects.filter(pk=session.pk).update(start=when, status="scheduled")


def sessions_list(html):
    return " ".join(re.sub(r"<[^>]+>", " ", re.search(r'<ul class="sessions">(.*?)</ul>', html, re.S).group(1)).split())


@pytest.mark.parametrize(
    ("when", "listed", "time_tag"),
    [
        (
            dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC),
            "Qualifying Sat 12 Jun, 15:00 WEST Scheduled",
            '<time datetime="2021-06-12T15:00:00+01:00" data-zone="Europe/Lisbon" title="Europe/Lisbon, UTC+01:00" '
            'class="local-time">Sat 12 Jun, 15:00 WEST</time><span class="reader-time" hidden></span>',
        ),
        (
            dt.datetime(2021, 1, 9, 14, 0, tzinfo=dt.UTC),
            "Qualifying Sat 9 Jan, 14:00 WET Scheduled",
            '<time datetime="2021-01-09T14:00:00+00:00" data-zone="Europe/Lisbon" title="Europe/Lisbon, UTC" '
            'class="local-time">Sat 9 Jan, 14:00 WET</time><span class="reader-time" hidden></span>',
        ),
    ],
)
def test_the_round_lists_session_starts_on_the_circuits_clocks(client, session, when, listed, time_tag):
    start(session, when)
    html = client.get(ROUND).content.decode()
    assert sessions_list(html).startswith(listed)
    assert time_tag in html


def test_the_session_page_gives_the_start_in_summer_time(client, session):
    start(session, dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC))
    html = client.get(SESSION).content.decode()
    assert (
        '· starts <time datetime="2021-06-12T15:00:00+01:00" data-zone="Europe/Lisbon" '
        'title="Europe/Lisbon, UTC+01:00" class="local-time">12 Jun 2021, 15:00 WEST</time>'
    ) in html
    assert html.count('<script src="/static/events/js/site.js" defer></script>') == 1  # fills the reader's time


def test_a_circuit_without_a_zone_gives_utc(client, session):
    Circuit.objects.update(time_zone="")
    start(session, dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC))
    html = client.get(SESSION).content.decode()
    assert (
        '<time datetime="2021-06-12T14:00:00+00:00" data-zone="UTC" title="UTC" '
        'class="local-time">12 Jun 2021, 14:00 UTC</time>'
    ) in html


def test_a_session_without_a_start_lists_none(client, session):
    assert sessions_list(client.get(ROUND).content.decode()).startswith("Qualifying Provisional")
