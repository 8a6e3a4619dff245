"""The live feed's endpoint: ``POST /api/v1/{c}/{y}/{round}/{session}/feed`` with a bearer
token and a batch of Al Kamel analysis rows, every answer code of the contract."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from events import services
from events.enums import SessionStatus
from events.importers import references
from events.models import Lap, Session

URL = "/api/v1/wec/2021/portimao/qualifying/feed"
HEADER = (
    "\ufeffNUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; ELAPSED;"
    " DRIVER_NAME; CLASS; TEAM;\n"
)


def row(number, lap, lap_time, elapsed, driver="Mike CONWAY", team="Toyota Gazoo Racing", class_code="HYPERCAR"):
    return f"{number};1;{lap};{lap_time};0;;{elapsed};{driver};{class_code};{team};\n"


def batch(*rows):
    return (HEADER + "".join(rows)).encode()


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # the rate limit's counts


@pytest.fixture
def token(editor):
    _token, secret = services.api_token_issue(user=editor, name="timing PC")
    return secret


def post(client, body, token=None, url=URL, **query):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    address = url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.post(address, data=body, content_type="text/csv", headers=headers)


def test_a_batch_appends_laps_and_makes_a_scheduled_session_live(client, session, token, editor):
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.SCHEDULED)
    # #7 has laps 1-3 (the fixture's, as the file gives them); lap 4 is new.
    response = post(client, batch(row(7, 3, "1:30.640", "4:32.413"), row(7, 4, "1:30.700", "6:03.113")), token)
    assert response.status_code == 200, response.content
    data = response.json()
    assert {key: data[key] for key in ("session", "status", "rows", "laps_created", "went_live")} == {
        "session": "wec/2021/portimao/qualifying",
        "status": "live",
        "rows": 2,
        "laps_created": 1,
        "went_live": True,
    }
    assert data["page_url"] == "/wec/2021/portimao/qualifying/"
    lap = Lap.objects.get(entry__number="7", lap_number=4)
    assert (lap.lap_time_ms, lap.elapsed_ms) == (90_700, 363_113)
    assert lap.history.latest().history_user == editor
    again = post(client, batch(row(7, 4, "1:30.700", "6:03.113")), token).json()
    assert (again["laps_created"], again["laps_updated"], again["laps_unchanged"]) == (0, 0, 1)


def test_without_a_token_or_with_a_wrong_or_revoked_one_it_is_401(client, session, editor, token):
    body = batch(row(7, 4, "1:30.700", "6:03.113"))
    assert post(client, body).status_code == 401
    assert post(client, body, "wec_not-a-token").status_code == 401
    stored = editor.api_tokens.get()
    services.api_token_revoke(token=stored, by=editor)
    response = post(client, body, token)
    assert response.status_code == 401 and response.json() == {"detail": "Unauthorized"}
    assert not Lap.objects.filter(lap_number=4).exists()


def test_a_user_who_may_not_import_is_403(client, session, django_user_model):
    fan = django_user_model.objects.create_user("victor", password="x" * 12)
    _token, secret = services.api_token_issue(user=fan)
    response = post(client, batch(row(7, 4, "1:30.700", "6:03.113")), secret)
    assert response.status_code == 403
    assert response.json() == {"detail": "The token's user “victor” may not import timing (an editor may)."}


def test_a_bad_row_is_400_naming_its_line_and_nothing_is_written(client, session, token):
    body = batch(row(7, 4, "1:30.700", "6:03.113"), row(7, 5, "1:3x.364", "7:33.477"))
    response = post(client, body, token)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("line 3: ")
    assert "1:3x.364" in response.json()["detail"]
    assert not Lap.objects.filter(lap_number__gte=4).exists()


@override_settings(WECRESULTS_FEED_MAX_BYTES=200)
def test_an_oversized_batch_is_413(client, session, token):
    body = batch(*(row(7, lap, "1:30.700", f"{lap * 2}:00.000") for lap in range(4, 10)))
    response = post(client, body, token)
    assert response.status_code == 413
    assert response.json() == {"detail": "The batch is larger than 200 bytes: send it in smaller batches."}


@override_settings(WECRESULTS_FEED_RATE="2/m")
def test_more_batches_than_the_rate_is_429(client, session, token):
    body = batch(row(7, 4, "1:30.700", "6:03.113"))
    assert [post(client, body, token).status_code for _ in range(2)] == [200, 200]
    refused = post(client, body, token)
    assert refused.status_code == 429 and refused.json() == {"detail": "Too many requests."}
    assert refused["Retry-After"] == "60"


def test_a_new_session_needs_its_kind_and_round_name(client, session, token):
    url = "/api/v1/wec/2021/spa/race/feed"
    body = batch(row(7, 1, "2:10.000", "2:10.000"))
    refused = post(client, body, token, url=url)
    assert refused.status_code == 400 and "round_name" in refused.json()["detail"]
    created = post(client, body, token, url=url, kind="race", round_name="6%20Hours%20of%20Spa")
    assert created.status_code == 200, created.content
    assert created.json()["session_created"] is True and created.json()["status"] == "live"
    spa = Session.objects.get(round__slug="spa", slug="race")
    assert (spa.kind, spa.round.name) == ("race", "6 Hours of Spa")


def test_a_batch_while_another_writes_into_the_season_is_409(client, session, token, monkeypatch):
    def busy(season_path, db=None):
        raise references.ImportBusy(references.busy_message(season_path))

    monkeypatch.setattr(references, "import_lock_take", busy)
    response = post(client, batch(row(7, 4, "1:30.700", "6:03.113")), token)
    assert response.status_code == 409
    assert response.json() == {"detail": "Another import into wec/2021 is running; try again when it has finished."}


def test_a_final_session_refuses_a_batch_with_409_and_nothing_is_written(client, session, token):
    services.session_status_set(session=session, status="final", user=None)
    version = Session.objects.get(pk=session.pk).results_version
    response = post(client, batch(row(7, 4, "1:30.700", "6:03.113")), token)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "wec/2021/portimao/qualifying is final: the feed writes into it no more "
        "(an editor may set it back to provisional to take more laps)."
    }
    session.refresh_from_db()
    assert (session.status, session.results_version) == ("final", version)
    assert not Lap.objects.filter(entry__number="7", lap_number=4).exists()


def test_a_provisional_session_takes_late_rows_and_stays_provisional(client, session, token):
    assert session.status == SessionStatus.PROVISIONAL
    response = post(client, batch(row(7, 4, "1:30.700", "6:03.113")), token)
    assert response.status_code == 200, response.content
    assert {key: response.json()[key] for key in ("status", "laps_created", "went_live")} == {
        "status": "provisional",
        "laps_created": 1,
        "went_live": False,
    }
    assert Session.objects.get(pk=session.pk).status == SessionStatus.PROVISIONAL
