"""The live entry screen of a session: a lap typed in and saved (post, redirect, get), refusals
next to the field with nothing written, the last laps corrected in place (a time changed
meanwhile is a conflict), deleted for track limits and reinstated, and who may use it."""

import re
from html import escape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events import services
from events.models import Lap, Session
from tests.helpers import lap_of, login, table_rows, text_of


def entry_url(session):
    return reverse("admin:events_session_live_entry", args=[session.pk])


@pytest.fixture
def page(client, editor, session):
    login(client, editor)
    return client.get(entry_url(session))


def enter(client, session, **fields):
    data = {"car_number": "7", "lap_time": "1:30.364", "flag_at_line": "", **fields}
    return client.post(entry_url(session), data)


def row_form(page, lap, action):
    """What the row of ``lap`` posts for ``action`` (correct, delete, reinstate)."""
    html = page.content.decode()
    row = re.search(rf'<tr id="lap-{lap.pk}">.*?</tr>', html, flags=re.S).group(0)
    form = next(f for f in re.findall(r"<form.*?</form>", row, flags=re.S) if f'value="{action}"' in f)
    return dict(
        re.findall(r'<input type="(?:hidden|text)" name="(action|lap|seen|lap_time|note)" value="([^"]*)"', form)
    )


def test_a_lap_typed_in_is_saved_and_the_page_comes_back_empty_and_focused(client, page, editor, session):
    response = enter(client, session, flag_at_line="FCY", crossed_line_in_pit="on")

    assert (response.status_code, response["Location"]) == (302, entry_url(session) + "?flag=FCY")
    lap = lap_of(session, "7", 4)
    assert (lap.lap_time_ms, lap.elapsed_ms, lap.flag_at_line, lap.crossed_line_in_pit) == (
        90_364,
        362_777,
        "FCY",
        True,
    )
    assert (lap.history.get().history_user, lap.history.get().history_change_reason) == (editor, "Lap entered by hand")
    after = client.get(response["Location"])
    html = after.content.decode()
    assert "Lap 4 of #7: 1:30.364" in text_of(after)
    assert re.search(r'<input type="text" name="car_number"[^>]*autofocus', html)
    assert 'name="car_number" value=' not in html  # empty again
    assert '<option value="FCY" selected>' in html  # the flag stays for the next lap
    rows = table_rows(html[html.index('class="live-entry-laps"') :])
    assert rows[1][:2] + rows[1][3:6] == ["#7", "4", "FCY", "yes", "6:02.777"]
    assert row_form(after, lap, "correct") == {
        "action": "correct",
        "lap": str(lap.pk),
        "seen": "90364",
        "lap_time": "1:30.364",
    }


def test_the_list_shows_the_last_twenty_laps_newest_first(client, page, session):
    for _ in range(16):
        enter(client, session, car_number="91", lap_time="1:40.000")

    html = client.get(entry_url(session)).content.decode()
    rows = table_rows(html[html.index('class="live-entry-laps"') :])[1:]
    assert len(rows) == 20
    assert [row[:2] for row in rows[:2]] == [["#91", "19"], ["#91", "18"]]
    assert [row[:2] for row in rows[-3:]] == [["#7", "2"], ["#7", "1"], ["#91", "3"]]  # (the fixture's order)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"car_number": "99"}, "car_number", "No car #99 entered in 2021 8 Hours of Portimao."),
        ({"lap_time": "1:3x.364"}, "lap_time", "“1:3x.364” is not a time; write it like 1:30.364."),
        ({"car_number": ""}, "car_number", "This field is required."),
    ],
)
def test_a_refusal_shows_next_to_its_field_and_nothing_is_written(client, page, session, fields, field, message):
    before = (Lap.objects.count(), Lap.history.count())

    response = enter(client, session, **fields)

    assert response.status_code == 200
    assert (Lap.objects.count(), Lap.history.count()) == before
    html = response.content.decode()
    block = re.search(rf'<div class="live-entry-field live-entry-{field}">.*?</div>', html, flags=re.S).group(0)
    assert re.search(r'<ul class="errorlist"[^>]*><li>(.*?)</li></ul>', block).group(1) == escape(message)


def test_a_time_corrected_in_place(client, page, editor, session):
    lap = lap_of(session, "7", 3)

    response = client.post(entry_url(session), row_form(page, lap, "correct") | {"lap_time": "1:30.540"})

    assert response.status_code == 302
    lap.refresh_from_db()
    assert lap.lap_time_ms == 90_540
    assert (lap.history.first().history_user, lap.history.first().history_change_reason) == (
        editor,
        "Lap time corrected from 1:30.640 to 1:30.540: Corrected on the live entry screen",
    )
    assert "Lap 3 of #7: 1:30.640 corrected to 1:30.540" in text_of(client.get(response["Location"]))


def test_a_time_changed_meanwhile_is_a_conflict_not_overwritten(client, page, session, viewer):
    lap = lap_of(session, "7", 3)
    posted = row_form(page, lap, "correct") | {"lap_time": "1:30.540"}
    services.lap_time_correct(lap=lap, lap_time_ms=90_600, user=viewer, reason="Timing's correction")

    response = client.post(entry_url(session), posted)

    assert response.status_code == 200
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90_600
    html = response.content.decode()
    row = re.search(rf'<tr id="lap-{lap.pk}">.*?</tr>', html, flags=re.S).group(0)
    assert (
        '<ul class="errorlist"><li>Changed meanwhile to 1:30.600 (you saw 1:30.640); nothing was saved.</li></ul>'
        in row
    )
    assert 'name="seen" value="90600"' in row  # the row now shows what is stored


def test_a_time_deleted_for_track_limits_and_reinstated(client, page, editor, session):
    lap = lap_of(session, "91", 2)

    deleted = client.post(entry_url(session), row_form(page, lap, "delete") | {"note": "Turn 5"})

    assert deleted.status_code == 302
    lap.refresh_from_db()
    assert (lap.is_time_deleted, lap.deletion_reason, lap.deletion_note, lap.deleted_by) == (
        True,
        "track_limits",
        "Turn 5",
        editor,
    )
    again = client.get(entry_url(session))
    assert "Time of lap 2 of #91 deleted: Turn 5" in text_of(again)
    assert '<span class="lap-deleted">Track limits: Turn 5</span>' in again.content.decode()

    reinstated = client.post(entry_url(session), row_form(again, lap, "reinstate"))

    assert reinstated.status_code == 302
    lap.refresh_from_db()
    assert (lap.is_time_deleted, lap.deletion_reason, lap.deletion_note) == (False, "", "")
    assert [h.history_change_reason for h in lap.history.all()[:2]] == [
        "Time reinstated",
        "Time deleted (track limits): Turn 5",
    ]


def test_a_time_deleted_twice_is_refused_in_its_row(client, page, session):
    lap = lap_of(session, "91", 2)
    posted = row_form(page, lap, "delete")
    client.post(entry_url(session), posted)

    response = client.post(entry_url(session), posted)

    assert response.status_code == 200
    assert "The time of lap 2 of car #91 in wec/2021/portimao/qualifying is already deleted." in text_of(response)
    assert Lap.objects.get(pk=lap.pk).deletion_note == "Track limits"


def test_the_first_lap_makes_a_scheduled_session_live(client, page, session):
    Session.objects.filter(pk=session.pk).update(status="scheduled")

    enter(client, session)

    assert Session.objects.get(pk=session.pk).status == "live"
    assert "Live · type the car" in text_of(client.get(entry_url(session)))


def test_the_page_has_no_inline_style_or_script_and_the_session_links_to_it(client, page, session):
    html = page.content.decode()

    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)
    change = client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    assert f'<a href="{entry_url(session)}">Live lap entry</a>' in change


def test_who_may_not_add_laps_is_refused(client, reader, viewer, session):
    for user in (reader, viewer):  # viewer may change laps, but not add them
        client.logout()
        login(client, user)
        assert client.get(entry_url(session)).status_code == 403
        assert enter(client, session).status_code == 403
    assert Lap.objects.count() == 6


def test_who_may_not_delete_times_sees_no_delete_buttons_and_is_refused(client, viewer, session):
    viewer.user_permissions.add(Permission.objects.get(content_type__app_label="events", codename="add_lap"))
    login(client, viewer)
    page = client.get(entry_url(session))
    lap = lap_of(session, "91", 2)

    assert page.status_code == 200
    assert 'value="delete"' not in page.content.decode()
    response = client.post(entry_url(session), {"action": "delete", "lap": lap.pk, "note": "Turn 5"})
    assert response.status_code == 403
    assert not Lap.objects.get(pk=lap.pk).is_time_deleted
