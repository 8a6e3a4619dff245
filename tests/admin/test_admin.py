"""The editors' admin, driven as an editor would with a browser-less client."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events import services
from events.core.laptime import format_lap_time
from events.models import Entry, Lap, Penalty
from events.models import Session as SessionModel
from tests.helpers import lap_of, login, text_of

CHANGELIST = reverse("admin:events_lap_changelist")


def change_form_data(lap, **overrides):
    data = {
        "session": lap.session_id,
        "entry": lap.entry_id,
        "driver": lap.driver_id or "",
        "lap_number": lap.lap_number,
        "lap_time_ms": lap.lap_time_display,
        "change_reason": "",
        "sector_1_ms": "",
        "sector_2_ms": "",
        "sector_3_ms": "",
        "pit_time_ms": "",
        "top_speed_kph": "",
        "elapsed_ms": format_lap_time(lap.elapsed_ms),  # typed as a time, like the form shows it
        "time_of_day": "",
        "flag_at_line": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def session_laps_url(session, **params):
    query = "&".join(f"{key}={value}" for key, value in {"session__id__exact": session.pk, **params}.items())
    return f"{CHANGELIST}?{query}"


def test_editors_group_has_exactly_the_results_permissions(db):
    models = [
        "championship",
        "season",
        "circuit",
        "round",
        "carclass",
        "team",
        "driver",
        "entry",
        "entrydriver",
        "session",
        "lap",
        "penalty",
    ]
    expected = {f"{action}_{model}" for action in ("view", "add", "change") for model in models}
    expected |= {"delete_entrydriver", "delete_lap_time", "delete_lap"}
    expected |= {
        "view_statusoverride",
        "add_statusoverride",
        "change_statusoverride",
        "delete_statusoverride",
        "view_resultrow",
        "view_officialresult",
        "change_officialresult",
    }
    expected |= {
        f"{action}_{model}"
        for action in ("view", "add", "change", "delete")
        for model in ["seasonentrant", "roundpole"]
    }
    assert set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)) == expected


def test_editor_is_not_a_superuser_and_can_open_the_admin(client, editor):
    assert editor.is_superuser is False
    login(client, editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Laps" in text_of(response)


def test_editor_corrects_a_time_typed_with_a_space(client, editor, session):
    lap = lap_of(session, "7", 2)
    login(client, editor)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    assert 'value="1:30.573"' in client.get(url).content.decode()
    response = client.post(url, change_form_data(lap, lap_time_ms="1: 30.364", change_reason="Transponder"))
    assert response.status_code == 302
    lap.refresh_from_db()
    assert lap.lap_time_ms == 90364
    record = lap.history.first()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Lap time corrected from 1:30.573 to 1:30.364: Transponder",
    )
    assert 'value="1:30.364"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1:60.000", "“1:60.000” has 60 seconds; seconds must be below 60."),
        ("abc", "“abc” is not a time; write it like 1:30.364."),
        ("-1:30.364", "“-1:30.364” is negative; a time cannot be negative."),
        ("", "This field is required."),
    ],
)
def test_change_form_rejects_a_bad_time_and_changes_nothing(client, editor, session, typed, message):
    lap = lap_of(session, "7", 2)
    login(client, editor)
    response = client.post(reverse("admin:events_lap_change", args=[lap.pk]), change_form_data(lap, lap_time_ms=typed))
    assert response.status_code == 200
    assert message in text_of(response)
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90573
    assert lap.history.count() == 1


def test_other_fields_change_with_the_reason_in_the_history(client, editor, session):
    lap = lap_of(session, "7", 2)
    login(client, editor)
    response = client.post(
        reverse("admin:events_lap_change", args=[lap.pk]),
        change_form_data(lap, sector_1_ms="28.100", change_reason="Sector from the loop"),
    )
    assert response.status_code == 302
    lap.refresh_from_db()
    assert (lap.sector_1_ms, lap.lap_time_ms) == (28100, 90573)
    assert lap.history.first().history_change_reason == "Sector from the loop"


def lap_list_edit(client, session, number, times):
    laps = list(Lap.objects.filter(session=session, entry__number=number).order_by("lap_number"))
    data = {
        "form-TOTAL_FORMS": len(laps),
        "form-INITIAL_FORMS": len(laps),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for index, (lap, typed) in enumerate(zip(laps, times, strict=True)):
        data[f"form-{index}-id"] = lap.pk
        data[f"form-{index}-lap_time_ms"] = typed
    return client.post(session_laps_url(session, car=laps[0].entry_id), data)


def test_lap_editor_corrects_times_in_the_list(client, editor, session):
    login(client, editor)
    page = client.get(session_laps_url(session, car=Entry.objects.get(number="7").pk)).content.decode()
    assert re.search(r'<input type="text" name="form-0-lap_time_ms" value="1:31.200"', page)
    response = lap_list_edit(client, session, "7", ["1:31.200", "1: 30.364", "1'30.640"])
    assert response.status_code == 302
    assert list(
        Lap.objects.filter(session=session, entry__number="7")
        .order_by("lap_number")
        .values_list("lap_time_ms", flat=True)
    ) == [91200, 90364, 90640]
    changed = lap_of(session, "7", 2)
    assert changed.history.count() == 2
    assert changed.history.first().history_change_reason == (
        "Lap time corrected from 1:30.573 to 1:30.364: Corrected in the lap editor"
    )
    assert lap_of(session, "7", 1).history.count() == 1


def test_lap_editor_refuses_a_bad_time_in_the_list(client, editor, session):
    login(client, editor)
    response = lap_list_edit(client, session, "7", ["1:31.200", "1:3x.364", "1:30.640"])
    assert response.status_code == 200
    assert "“1:3x.364” is not a time; write it like 1:30.364." in text_of(response)
    assert lap_of(session, "7", 2).lap_time_ms == 90573


def test_lap_editor_filters_by_car_and_driver_and_marks_deleted_times(client, editor, session):
    services.lap_time_delete(lap=lap_of(session, "91", 3), note="Track limits at turn 5", user=editor)
    login(client, editor)
    page = text_of(client.get(session_laps_url(session)))
    assert "By car All #7 Toyota Gazoo Racing #91 Porsche GT Team" in page
    assert "By driver All Gianmaria Bruni Mike Conway" in page
    assert "1:38.127 DELETED (Track limits): Track limits at turn 5 by edith" in page
    entry_91 = Entry.objects.get(number="91")
    response = client.get(session_laps_url(session, car=entry_91.pk, o="2"))
    rows = response.context["cl"].result_list
    assert [(f"#{lap.entry.number}", lap.lap_number) for lap in rows] == [("#91", 1), ("#91", 2), ("#91", 3)]
    response = client.get(session_laps_url(session, car=entry_91.pk, o="-2"))
    assert [lap.lap_number for lap in response.context["cl"].result_list] == [3, 2, 1]
    driver = lap_of(session, "7", 1).driver
    response = client.get(session_laps_url(session, driver=driver.pk))
    assert {lap.entry.number for lap in response.context["cl"].result_list} == {"7"}


def test_session_admin_links_to_its_lap_editor(client, editor, session):
    login(client, editor)
    page = client.get(reverse("admin:events_session_changelist")).content.decode()
    assert f'<a href="{CHANGELIST}?session__id__exact={session.pk}">Lap editor (6 laps)</a>' in page


def post_action(client, session, action, laps, follow=False, **extra):
    data = {"action": action, "_selected_action": [lap.pk for lap in laps], **extra}
    return client.post(session_laps_url(session), data, follow=follow)


def test_delete_action_asks_for_a_reason_then_deletes(client, editor, session):
    lap = lap_of(session, "91", 3)
    login(client, editor)
    response = post_action(client, session, "delete_lap_time", [lap])
    assert response.status_code == 200
    page = text_of(response)
    assert "Delete lap times" in page and "#91 3 Gianmaria Bruni 1:38.127" in page

    response = post_action(client, session, "delete_lap_time", [lap], apply="1", reason="track_limits", note="")
    assert response.status_code == 200
    assert "This field is required." in text_of(response)
    assert Lap.objects.get(pk=lap.pk).is_time_deleted is False

    response = post_action(
        client, session, "delete_lap_time", [lap], apply="1", reason="track_limits", note="Track limits at turn 5"
    )
    assert response.status_code == 302
    lap.refresh_from_db()
    assert (lap.is_time_deleted, lap.deletion_reason, lap.deletion_note, lap.deleted_by) == (
        True,
        "track_limits",
        "Track limits at turn 5",
        editor,
    )
    assert "Deleted 1 lap time(s): Track limits at turn 5" in text_of(client.get(response["Location"]))


def test_delete_action_on_an_already_deleted_time_changes_nothing(client, editor, session):
    deleted = lap_of(session, "91", 3)
    services.lap_time_delete(lap=deleted, note="Track limits", user=editor)
    other = lap_of(session, "91", 2)
    login(client, editor)
    response = post_action(
        client,
        session,
        "delete_lap_time",
        [other, deleted],
        apply="1",
        reason="track_limits",
        note="Again",
        follow=True,
    )
    assert "Nothing was deleted: The time of lap 3 of car #91 in wec/2021/portimao/qualifying is already deleted." in (
        text_of(response)
    )
    assert Lap.objects.get(pk=other.pk).is_time_deleted is False


def test_reinstate_action_and_history_show_user_reason_old_and_new(client, editor, session):
    lap = lap_of(session, "91", 3)
    login(client, editor)
    post_action(client, session, "delete_lap_time", [lap], apply="1", reason="track_limits", note="Turn 5")
    response = post_action(client, session, "reinstate_lap_time", [lap])
    assert "Reinstate lap times" in text_of(response)
    response = post_action(client, session, "reinstate_lap_time", [lap], apply="1", note="Stewards cleared it")
    assert response.status_code == 302
    lap.refresh_from_db()
    assert (lap.is_time_deleted, lap.deletion_note) == (False, "")

    history = text_of(client.get(reverse("admin:events_lap_history", args=[lap.pk])))
    assert (
        "Changed edith Time reinstated: Stewards cleared it Deleted at: " in history
        and " → — Deleted by: edith → — Deletion note: Turn 5 → — Deletion reason: Track limits → — "
        "Time deleted: True → False"
        in history
    )
    assert (
        "Changed edith Time deleted (track limits): Turn 5 Deleted at: — → " in history
        and " Deleted by: — → edith Deletion note: — → Turn 5 Deletion reason: — → Track limits "
        "Time deleted: False → True"
        in history
    )


def test_history_shows_times_formatted_and_a_correction_can_be_reverted(client, editor, session):
    lap = lap_of(session, "7", 2)
    login(client, editor)
    client.post(
        reverse("admin:events_lap_change", args=[lap.pk]),
        change_form_data(lap, lap_time_ms="1:30.364", change_reason="Typo"),
    )
    history = text_of(client.get(reverse("admin:events_lap_history", args=[lap.pk])))
    assert "edith Lap time corrected from 1:30.573 to 1:30.364: Typo Lap time: 1:30.573 → 1:30.364" in history

    original = lap.history.last()
    revert_url = reverse("admin:events_lap_simple_history", args=[lap.pk, original.history_id])
    assert 'value="1:30.573"' in client.get(revert_url).content.decode()
    response = client.post(revert_url, change_form_data(lap, lap_time_ms="1:30.573", change_reason="Revert typo"))
    assert response.status_code == 302
    lap.refresh_from_db()
    assert lap.lap_time_ms == 90573
    assert lap.history.first().history_change_reason == (
        f"Lap time corrected from 1:30.364 to 1:30.573: "
        f"Reverted to the version of {original.history_date:%Y-%m-%d %H:%M:%S}: Revert typo"
    )
    history = text_of(client.get(reverse("admin:events_lap_history", args=[lap.pk])))
    assert "Reverted to the version of" in history and "Lap time: 1:30.364 → 1:30.573" in history


def test_user_without_the_permission_cannot_delete_or_reinstate(client, viewer, editor, session):
    deleted = lap_of(session, "91", 3)
    services.lap_time_delete(lap=deleted, note="Track limits", user=editor)
    valid = lap_of(session, "91", 2)
    login(client, viewer)
    page = client.get(session_laps_url(session)).content.decode()
    assert 'value="delete_lap_time"' not in page and 'value="reinstate_lap_time"' not in page
    post_action(client, session, "delete_lap_time", [valid], apply="1", reason="track_limits", note="x")
    post_action(client, session, "reinstate_lap_time", [deleted], apply="1", note="x")
    assert (Lap.objects.get(pk=valid.pk).is_time_deleted, Lap.objects.get(pk=deleted.pk).is_time_deleted) == (
        False,
        True,
    )


def test_read_only_user_cannot_change_a_time(client, reader, session):
    lap = lap_of(session, "7", 2)
    login(client, reader)
    response = client.post(
        reverse("admin:events_lap_change", args=[lap.pk]), change_form_data(lap, lap_time_ms="1:20.000")
    )
    assert response.status_code == 403
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90573


def test_editor_cannot_hard_delete_a_lap_from_a_timing_file(client, editor, session):
    lap = lap_of(session, "7", 2)
    Lap.objects.filter(pk=lap.pk).update(imported_lap_time_ms=lap.lap_time_ms)
    login(client, editor)
    assert client.post(reverse("admin:events_lap_delete", args=[lap.pk]), {"post": "yes"}).status_code == 403
    assert Lap.objects.filter(pk=lap.pk).exists()
    assert 'value="delete_selected"' not in client.get(CHANGELIST).content.decode()


def test_search_by_car_team_and_driver(client, editor, session):
    login(client, editor)
    entries = reverse("admin:events_entry_changelist")
    for term, numbers in [("91", ["91"]), ("Toyota", ["7"]), ("Bruni", ["91"])]:
        response = client.get(entries, {"q": term})
        assert [entry.number for entry in response.context["cl"].result_list] == numbers
    response = client.get(CHANGELIST, {"q": "Conway"})
    assert {lap.entry.number for lap in response.context["cl"].result_list} == {"7"}


def test_autocomplete_for_teams_and_drivers(client, editor, session):
    login(client, editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "entry", "field_name": "team", "term": "Porsche"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Porsche GT Team"]
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": "entrydriver", "field_name": "driver", "term": "Con"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Mike Conway"]


def test_entry_and_session_changes_are_in_their_history(client, editor, session):
    login(client, editor)
    session_url = reverse("admin:events_session_change", args=[session.pk])
    response = client.post(
        session_url,
        {
            "round": session.round_id,
            "kind": "qualifying",
            "name": "Qualifying",
            "slug": "qualifying",
            "start_0": "",
            "start_1": "",
            "duration_ms": "0:15:00",
            "status": "final",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.duration_ms) == ("final", 900000)
    history = text_of(client.get(reverse("admin:events_session_history", args=[session.pk])))
    assert "edith" in history and "Status: Provisional → Final" in history

    entry = Entry.objects.get(number="91")
    entry_url = reverse("admin:events_entry_change", args=[entry.pk])
    driver_row = entry.entry_drivers.get()
    response = client.post(
        entry_url,
        {
            "round": entry.round_id,
            "number": "91",
            "car_class": entry.car_class_id,
            "group": "",
            "team": entry.team_id,
            "car": "Porsche 911 RSR-19",
            "manufacturer": "Porsche",
            "tyres": "Michelin",
            "entry_drivers-TOTAL_FORMS": 1,
            "entry_drivers-INITIAL_FORMS": 1,
            "entry_drivers-MIN_NUM_FORMS": 0,
            "entry_drivers-MAX_NUM_FORMS": 1000,
            "entry_drivers-0-id": driver_row.pk,
            "entry_drivers-0-entry": entry.pk,
            "entry_drivers-0-order": 1,
            "entry_drivers-0-driver": driver_row.driver_id,
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    history = text_of(client.get(reverse("admin:events_entry_history", args=[entry.pk])))
    assert "edith" in history and "Car: Car → Porsche 911 RSR-19" in history


def test_penalty_added_in_the_admin_records_who(client, editor, session):
    login(client, editor)
    entry = Entry.objects.get(number="91")
    response = client.post(
        reverse("admin:events_penalty_add"),
        {
            "session": session.pk,
            "entry": entry.pk,
            "kind": "time",
            "time_ms": "30.000",
            "grid_places": "",
            "reason": "Speeding in the pit lane",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    penalty = Penalty.objects.get()
    assert (penalty.time_ms, penalty.created_by, penalty.history.first().history_user) == (30000, editor, editor)


def test_penalty_value_must_fit_its_kind(client, editor, session):
    login(client, editor)
    entry = Entry.objects.get(number="91")
    response = client.post(
        reverse("admin:events_penalty_add"),
        {
            "session": session.pk,
            "entry": entry.pk,
            "kind": "time",
            "time_ms": "",
            "grid_places": "3",
            "reason": "x",
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    assert "Constraint “penalty_value_fits_its_kind” is violated." in text_of(response)
    assert Penalty.objects.count() == 0


def test_delete_and_reinstate_from_the_laps_own_page(client, editor, session):
    lap = lap_of(session, "91", 3)
    login(client, editor)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    assert 'value="delete_lap_time"' in client.get(url).content.decode()
    confirm = client.post(url, {"CHANGE_FORM-action": "delete_lap_time", "_selected_action": lap.pk})
    assert 'name="CHANGE_FORM-action" value="delete_lap_time"' in confirm.content.decode()
    response = client.post(
        url,
        {
            "CHANGE_FORM-action": "delete_lap_time",
            "_selected_action": lap.pk,
            "apply": "1",
            "reason": "track_limits",
            "note": "Turn 5",
        },
    )
    assert response.status_code == 302
    assert Lap.objects.get(pk=lap.pk).deletion_note == "Turn 5"
    client.post(url, {"CHANGE_FORM-action": "reinstate_lap_time", "_selected_action": lap.pk, "apply": "1", "note": ""})
    assert Lap.objects.get(pk=lap.pk).is_time_deleted is False


def test_a_revert_never_undoes_or_redoes_a_deletion(client, viewer, editor, session):
    """Reverting needs only change_lap; deleting and reinstating need their own permission."""
    lap = lap_of(session, "91", 3)
    before_deletion = lap.history.first()
    services.lap_time_delete(lap=lap, note="Track limits", user=editor)
    login(client, viewer)
    revert_url = reverse("admin:events_lap_simple_history", args=[lap.pk, before_deletion.history_id])
    response = client.post(revert_url, change_form_data(lap, change_reason="Try to undo"))
    assert response.status_code == 302
    lap.refresh_from_db()
    assert (lap.is_time_deleted, lap.deletion_note, lap.deleted_by) == (True, "Track limits", editor)


def test_a_lap_cannot_be_moved_to_another_session_or_car(client, editor, session):
    other = SessionModel.objects.create(round=session.round, kind="practice", name="FP1", slug="fp1")
    lap = lap_of(session, "91", 3)
    other_entry = Entry.objects.get(number="7")
    login(client, editor)
    client.post(
        reverse("admin:events_lap_change", args=[lap.pk]),
        change_form_data(lap, session=other.pk, entry=other_entry.pk, sector_1_ms="30.000"),
    )
    lap.refresh_from_db()
    assert (lap.session_id, lap.entry_id, lap.sector_1_ms) == (session.pk, Entry.objects.get(number="91").pk, 30000)


def test_only_changed_fields_are_written(client, editor, session):
    """A correction typed in the list leaves a deletion made meanwhile alone."""
    lap = lap_of(session, "91", 3)
    login(client, editor)
    services.lap_time_delete(lap=lap, note="Track limits", user=editor)
    lap_list_edit(client, session, "91", ["1:38.893", "1:38.402", "1:38.100"])
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.is_time_deleted) == (98100, True)


def test_penalty_edit_keeps_its_reason_in_the_history(client, editor, session):
    entry = Entry.objects.get(number="91")
    penalty = services.penalty_apply(
        session=session, entry=entry, kind="time", reason="Speeding", user=editor, time_ms=10000
    )
    login(client, editor)
    response = client.post(
        reverse("admin:events_penalty_change", args=[penalty.pk]),
        {
            "kind": "time",
            "time_ms": "20.000",
            "grid_places": "",
            "reason": "Speeding",
            "change_reason": "Doubled on appeal",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    penalty.refresh_from_db()
    assert (penalty.time_ms, penalty.session_id, penalty.entry_id) == (20000, session.pk, entry.pk)
    assert penalty.history.first().history_change_reason == "Doubled on appeal"


def test_lap_editor_with_a_session_id_that_is_no_number_is_not_an_error(client, editor, session):
    login(client, editor)
    response = client.get(f"{CHANGELIST}?session__id__exact=%C2%B2")  # "²": isdigit says yes, int says no
    assert response.status_code == 200
    assert text_of(response).endswith("6 laps")  # the filter that names nothing is left out


@pytest.mark.parametrize("params", ["car=abc", "driver=abc", "car=%C2%B2"])
def test_lap_editor_filter_that_is_no_id_is_the_admins_invalid_filter(client, editor, session, params):
    login(client, editor)
    response = client.get(f"{CHANGELIST}?session__id__exact={session.pk}&{params}")
    assert (response.status_code, response["Location"]) == (302, f"{CHANGELIST}?e=1")


@pytest.mark.parametrize("params", ["q=%00", "q=Bru%00ni", "car=%00", "x%00=1"])
def test_a_nul_character_in_the_admin_is_a_bad_request(client, editor, session, params):
    login(client, editor)
    response = client.get(f"{CHANGELIST}?{params}")
    assert (response.status_code, response.content) == (400, b"A NUL character cannot be searched for.")
