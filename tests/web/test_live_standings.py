"""While one of a season's sessions is live, its standings change with every batch: the
JSON says so (``live``), and every standings answer, 304s included, may be kept 10 s at
most by any cache; once the session is over, the usual minutes again."""

import pytest

from events import services
from tests.api.test_api import SHARED
from tests.api.test_session_status_api import LIVE
from tests.results.standings_season import standings_season_build

JSON = "/api/v1/wec/2025/standings"
CSV = "/api/v1/wec/2025/standings.csv?table=hypercar-drivers"
EMBED = "/embed/wec/2025/standings/?table=hypercar-drivers"
PAGE = "/wec/2025/standings/"


@pytest.fixture
def built(db):
    return standings_season_build()


def cache_controls(client) -> dict:
    return {url: client.get(url).get("Cache-Control") for url in (JSON, CSV, EMBED, PAGE)}


def test_while_a_counted_race_is_live_standings_say_so_and_are_kept_10_s_at_most(client, built):
    services.session_status_set(session=built.races["spa"], status="live", user=None)
    first = client.get(JSON)
    assert (first.json()["after_round"], first.json()["live"], first["Cache-Control"]) == ("spa", True, LIVE)
    kept = client.get(JSON)
    assert (kept.content, kept["Cache-Control"]) == (first.content, LIVE)
    unchanged = client.get(JSON, headers={"If-None-Match": first["ETag"]})
    assert (unchanged.status_code, unchanged["Cache-Control"]) == (304, LIVE)
    assert cache_controls(client) == {JSON: LIVE, CSV: LIVE, EMBED: LIVE, PAGE: LIVE}
    page = client.get(PAGE, headers={"If-None-Match": client.get(PAGE)["ETag"]})
    assert (page.status_code, page["Cache-Control"]) == (304, LIVE)


def test_standings_after_an_earlier_round_are_not_live_but_kept_briefly_all_the_same(client, built):
    services.session_status_set(session=built.races["spa"], status="live", user=None)
    response = client.get(JSON, {"after": "imola"})
    document = response.json()
    assert (document["after_round"], document["live"], response["Cache-Control"]) == ("imola", False, LIVE)


def test_a_live_qualifying_changes_the_pole_point_so_standings_are_kept_briefly(client, built):
    services.session_status_set(session=built.qualifyings["spa"], status="live", user=None)
    response = client.get(JSON)
    assert (response.json()["live"], response["Cache-Control"]) == (False, LIVE)


def test_once_the_race_is_final_the_usual_caching_again(client, built):
    race = built.races["spa"]
    services.session_status_set(session=race, status="live", user=None)
    assert cache_controls(client)[JSON] == LIVE  # kept under the live version
    services.session_status_set(session=race, status="final", user=None)
    assert client.get(JSON).json()["live"] is False
    assert cache_controls(client) == {JSON: SHARED, CSV: SHARED, EMBED: SHARED, PAGE: None}
