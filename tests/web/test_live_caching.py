"""While a session is live, its pages and embeds may be kept 10 s at most by any cache, 304s
included and answers kept by the results cache too; otherwise as before."""

import pytest

from events import services
from tests.api.test_api import SHARED
from tests.api.test_session_status_api import LIVE

SESSION = "/wec/2021/portimao/qualifying"
PAGES = [f"{SESSION}/", f"{SESSION}/car/7/", f"{SESSION}/charts/", f"{SESSION}/?_export=csv"]
EMBEDS = [f"/embed{SESSION}/", f"/embed{SESSION}/charts/"]


@pytest.mark.parametrize("url", PAGES + EMBEDS)
def test_while_live_pages_and_embeds_are_kept_10_s_at_most(client, session, url):
    services.session_status_set(session=session, status="live", user=None)
    first = client.get(url)
    assert (first.status_code, first["Cache-Control"]) == (200, LIVE)
    kept = client.get(url)  # from the results cache
    assert (kept.content, kept["Cache-Control"]) == (first.content, LIVE)
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert (again.status_code, again["Cache-Control"]) == (304, LIVE)


@pytest.mark.parametrize("status", ["scheduled", "provisional", "final"])
def test_otherwise_pages_say_nothing_and_embeds_keep_their_minutes(client, session, status):
    if status != "provisional":
        services.session_status_set(session=session, status=status, user=None)
    for url in PAGES:
        assert "Cache-Control" not in client.get(url), url
    for url in EMBEDS:
        assert client.get(url)["Cache-Control"] == SHARED, url


def test_a_page_kept_while_live_is_not_served_once_the_session_is_final(client, session):
    url = PAGES[0]
    services.session_status_set(session=session, status="live", user=None)
    client.get(url)
    assert client.get(url)["Cache-Control"] == LIVE  # kept
    services.session_status_set(session=session, status="final", user=None)
    response = client.get(url)
    assert "Cache-Control" not in response
    assert '<span class="status status-final">Final</span>' in response.content.decode()
