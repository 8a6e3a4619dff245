"""Two editors on one record: a save from an older page writes only what its editor changed,
and a field both changed shows both values, then keeps the one the editor chooses.

Pages are posted as a browser would post them (``form_of``), hidden ``initial-`` inputs included.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from events import services
from events.models import CarClass, Entry, Lap
from events.models import Session as SessionModel
from tests.helpers import form_of, lap_of, login, table_rows, text_of

CHANGELIST = reverse("admin:events_lap_changelist")


@pytest.fixture
def bob(db):
    user = get_user_model().objects.create_user("bob", password="secret-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def two_editors(editor, bob):
    """Edith and Bob, each logged in in their own browser."""
    return login(Client(), editor), login(Client(), bob)


def lap_page(lap):
    return reverse("admin:events_lap_change", args=[lap.pk])


def car_list(session, number):
    return f"{CHANGELIST}?session__id__exact={session.pk}&car={Entry.objects.get(number=number).pk}"


def list_input(response, lap, field="lap_time_ms"):
    """The name of the lap list's input for ``lap`` (form-N-...)."""
    data = form_of(response, "changelist-form")
    index = next(key.split("-")[1] for key, value in data.items() if key.endswith("-id") and value == [str(lap.pk)])
    return f"form-{index}-{field}"


def conflict_rows(response):
    html = response.content.decode()
    table = html[html.index('class="edit-conflict"') :]
    return table_rows(table[: table.index("</table>")])


# (a) The lap list


def test_a_stale_lap_list_save_keeps_a_correction_made_meanwhile(two_editors, session, bob):
    edith, bobs = two_editors
    page = edith.get(car_list(session, "7"))
    lap2, lap3 = lap_of(session, "7", 2), lap_of(session, "7", 3)
    bobs.post(car_list(session, "7"), form_of(bobs.get(car_list(session, "7")), "changelist-form", **{
        list_input(page, lap2): "1:30.111", "_save": "Save"}))  # fmt: skip
    assert lap_of(session, "7", 2).lap_time_ms == 90111

    response = edith.post(car_list(session, "7"), form_of(page, "changelist-form", **{
        list_input(page, lap3): "1:30.333", "_save": "Save"}))  # fmt: skip

    assert response.status_code == 302
    assert [lap.lap_time_ms for lap in Lap.objects.filter(entry__number="7").order_by("lap_number")] == [
        91200,
        90111,
        90333,
    ]
    # Made, then Bob's correction; Edith's save did not touch it.
    assert [(h.history_user and h.history_user.username, h.lap_time_ms) for h in lap2.history.all()] == [
        ("bob", 90111),
        (None, 90573),
    ]
    assert lap3.history.first().history_user.username == "edith"


def test_the_same_time_typed_by_both_is_no_conflict_and_no_second_change(two_editors, session):
    edith, bobs = two_editors
    page = edith.get(car_list(session, "7"))
    lap2 = lap_of(session, "7", 2)
    services.lap_time_correct(lap=lap2, lap_time_ms=90111, user=None, reason="Race control")
    response = edith.post(car_list(session, "7"), form_of(page, "changelist-form", **{
        list_input(page, lap2): "1:30.111", "_save": "Save"}))  # fmt: skip
    assert response.status_code == 302
    assert lap2.history.count() == 2


def test_the_same_lap_time_changed_in_two_lists_shows_both_and_saves_nothing(two_editors, session):
    edith, bobs = two_editors
    page = edith.get(car_list(session, "7"))
    lap2, lap3 = lap_of(session, "7", 2), lap_of(session, "7", 3)
    bobs.post(car_list(session, "7"), form_of(bobs.get(car_list(session, "7")), "changelist-form", **{
        list_input(page, lap2): "1:30.200", "_save": "Save"}))  # fmt: skip

    response = edith.post(car_list(session, "7"), form_of(page, "changelist-form", **{
        list_input(page, lap2): "1:30.100", list_input(page, lap3): "1:30.333", "_save": "Save"}))  # fmt: skip

    assert response.status_code == 200
    rows = conflict_rows(response)
    assert rows[0] == ["Record", "Field", "You saw", "Yours", "Theirs (now)", "Changed by"]
    assert rows[1][:5] == ["Lap 2 of #7: 1:30.200", "Lap time", "1:30.573", "1:30.100", "1:30.200"]
    assert rows[1][5].startswith("bob, ") and rows[1][5].endswith(
        ": “Lap time corrected from 1:30.573 to 1:30.200: Corrected in the lap editor”"
    )
    assert (
        "Changed meanwhile by bob to 1:30.200 (you saw 1:30.573); nothing was saved. Keep yours or take theirs."
        in text_of(response)
    )
    assert [lap.lap_time_ms for lap in Lap.objects.filter(entry__number="7").order_by("lap_number")] == [
        91200,
        90200,
        90640,
    ]
    # The page keeps what Edith typed in both rows.
    again = form_of(response, "changelist-form")
    assert (again[list_input(page, lap2)], again[list_input(page, lap3)]) == (["1:30.100"], ["1:30.333"])

    kept = edith.post(car_list(session, "7"), form_of(response, "changelist-form", _save="keep-mine"))
    assert kept.status_code == 302
    assert [lap.lap_time_ms for lap in Lap.objects.filter(entry__number="7").order_by("lap_number")] == [
        91200,
        90100,
        90333,
    ]
    assert [h.history_user.username for h in lap2.history.all()[:2]] == ["edith", "bob"]


def test_take_theirs_in_the_list_keeps_their_time_and_saves_the_other_rows(two_editors, session):
    edith, bobs = two_editors
    page = edith.get(car_list(session, "7"))
    lap2, lap3 = lap_of(session, "7", 2), lap_of(session, "7", 3)
    services.lap_time_correct(lap=lap2, lap_time_ms=90200, user=None, reason="Race control")
    conflict = edith.post(car_list(session, "7"), form_of(page, "changelist-form", **{
        list_input(page, lap2): "1:30.100", list_input(page, lap3): "1:30.333", "_save": "Save"}))  # fmt: skip
    changed_by = conflict_rows(conflict)[1][5]  # the service was called without a user
    assert changed_by.startswith("someone, ") and changed_by.endswith(
        ": “Lap time corrected from 1:30.573 to 1:30.200: Race control”"
    )

    taken = edith.post(car_list(session, "7"), form_of(conflict, "changelist-form", _save="take-theirs"))
    assert taken.status_code == 302
    assert [lap.lap_time_ms for lap in Lap.objects.filter(entry__number="7").order_by("lap_number")] == [
        91200,
        90200,
        90333,
    ]


def test_a_third_change_after_the_conflict_page_is_a_conflict_again(two_editors, session, bob):
    edith, _ = two_editors
    lap = lap_of(session, "7", 2)
    page = edith.get(lap_page(lap))
    services.lap_time_correct(lap=lap, lap_time_ms=90200, user=bob, reason="First")
    conflict = edith.post(lap_page(lap), form_of(page, "lap_form", lap_time_ms="1:30.100", _save="Save"))
    assert conflict_rows(conflict)[1][2:5] == ["1:30.573", "1:30.100", "1:30.200"]
    services.lap_time_correct(lap=lap, lap_time_ms=90300, user=bob, reason="Second")

    again = edith.post(lap_page(lap), form_of(conflict, "lap_form", _save="keep-mine"))

    assert again.status_code == 200
    assert conflict_rows(again)[1][2:5] == ["1:30.200", "1:30.100", "1:30.300"]
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90300


def test_a_deleted_time_is_not_editable_in_the_list(client, editor, session):
    lap = lap_of(session, "91", 3)
    services.lap_time_delete(lap=lap, note="Track limits at turn 5", user=editor)
    login(client, editor)
    page = client.get(car_list(session, "91"))
    html = page.content.decode()
    name = list_input(client.get(car_list(session, "91")), lap_of(session, "91", 1)).replace("-0-", "-2-")
    assert f'name="{name}" value="1:38.127"' in html
    assert 'title="Deleted time: reinstate it to correct it." disabled' in html
    response = client.post(car_list(session, "91"), form_of(page, "changelist-form", _save="Save"))
    assert response.status_code == 302
    assert (Lap.objects.get(pk=lap.pk).lap_time_ms, lap.history.count()) == (98127, 2)


# (b) Change forms write only what their editor changed


def test_renaming_a_session_from_an_older_page_keeps_it_final(two_editors, session):
    edith, bobs = two_editors
    url = reverse("admin:events_session_change", args=[session.pk])
    edith_page = edith.get(url)
    bobs.post(url, form_of(bobs.get(url), "session_form", status="final", change_reason="Results final", _save="Save"))
    assert SessionModel.objects.get(pk=session.pk).status == "final"

    response = edith.post(url, form_of(edith_page, "session_form", name="Qualifying (Hyperpole)", _save="Save"))

    assert response.status_code == 302
    renamed = SessionModel.objects.get(pk=session.pk)
    assert (renamed.name, renamed.status) == ("Qualifying (Hyperpole)", "final")
    assert [(h.history_user.username, h.name, h.status) for h in renamed.history.all()[:2]] == [
        ("edith", "Qualifying (Hyperpole)", "final"),
        ("bob", "Qualifying", "final"),
    ]


def test_a_sector_typed_on_an_older_lap_page_keeps_a_correction_made_meanwhile(two_editors, session, bob):
    edith, _ = two_editors
    lap = lap_of(session, "7", 2)
    page = edith.get(lap_page(lap))
    services.lap_time_correct(lap=lap, lap_time_ms=90200, user=bob, reason="Race control")

    response = edith.post(
        lap_page(lap), form_of(page, "lap_form", sector_1_ms="30.100", change_reason="S1", _save="Save")
    )

    assert response.status_code == 302
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.sector_1_ms) == (90200, 30100)
    assert lap.history.first().history_change_reason == "S1"


def test_an_entrys_tyres_typed_on_an_older_page_keep_the_car_changed_meanwhile(two_editors, session):
    edith, bobs = two_editors
    entry = Entry.objects.get(number="7")
    url = reverse("admin:events_entry_change", args=[entry.pk])
    page = edith.get(url)
    bobs.post(url, form_of(bobs.get(url), "entry_form", car="Toyota GR010 Hybrid", _save="Save"))

    response = edith.post(url, form_of(page, "entry_form", tyres="Michelin", _save="Save"))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.car, entry.tyres) == ("Toyota GR010 Hybrid", "Michelin")


def test_a_rounds_page_keeps_a_session_status_set_meanwhile_in_its_inline(two_editors, session):
    edith, bobs = two_editors
    url = reverse("admin:events_round_change", args=[session.round_id])
    page = edith.get(url)
    session_url = reverse("admin:events_session_change", args=[session.pk])
    bobs.post(session_url, form_of(bobs.get(session_url), "session_form", status="final", _save="Save"))
    inline = next(
        key for key in form_of(page, "round_form", _save="Save") if key.endswith("-name") and "sessions" in key
    )

    response = edith.post(url, form_of(page, "round_form", **{inline: "Qualifying session"}, _save="Save"))

    assert response.status_code == 302
    renamed = SessionModel.objects.get(pk=session.pk)
    assert (renamed.name, renamed.status) == ("Qualifying session", "final")


# (c) One field, two editors


def test_a_lap_time_changed_by_both_shows_both_then_keep_mine(two_editors, session, bob):
    edith, _ = two_editors
    lap = lap_of(session, "7", 2)
    page = edith.get(lap_page(lap))
    services.lap_time_correct(lap=lap, lap_time_ms=90200, user=bob, reason="Race control")

    conflict = edith.post(
        lap_page(lap), form_of(page, "lap_form", lap_time_ms="1:30.100", sector_1_ms="30.100", _save="Save")
    )

    assert conflict.status_code == 200
    assert conflict_rows(conflict)[1][:5] == ["Lap 2 of #7: 1:30.200", "Lap time", "1:30.573", "1:30.100", "1:30.200"]
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.sector_1_ms) == (90200, None)
    assert form_of(conflict, "lap_form")["lap_time_ms"] == ["1:30.100"]
    assert form_of(conflict, "lap_form")["initial-lap_time_ms"] == ["1:30.200"]

    kept = edith.post(lap_page(lap), form_of(conflict, "lap_form", _save="keep-mine", change_reason="Mine is right"))

    assert kept.status_code == 302
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.sector_1_ms) == (90100, 30100)
    assert [(h.history_user.username, h.lap_time_ms, h.history_change_reason) for h in lap.history.all()[:2]] == [
        ("edith", 90100, "Lap time corrected from 1:30.200 to 1:30.100: Mine is right"),
        ("bob", 90200, "Lap time corrected from 1:30.573 to 1:30.200: Race control"),
    ]


def test_a_lap_time_changed_by_both_then_take_theirs_keeps_their_time_and_my_sector(two_editors, session, bob):
    edith, _ = two_editors
    lap = lap_of(session, "7", 2)
    page = edith.get(lap_page(lap))
    services.lap_time_correct(lap=lap, lap_time_ms=90200, user=bob, reason="Race control")
    conflict = edith.post(
        lap_page(lap), form_of(page, "lap_form", lap_time_ms="1:30.100", sector_1_ms="30.100", _save="Save")
    )

    taken = edith.post(lap_page(lap), form_of(conflict, "lap_form", _save="take-theirs"))

    assert taken.status_code == 302
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.sector_1_ms) == (90200, 30100)
    assert lap.history.first().history_user.username == "edith"


def test_a_session_renamed_by_both_shows_both_names_and_who(two_editors, session):
    edith, bobs = two_editors
    url = reverse("admin:events_session_change", args=[session.pk])
    page = edith.get(url)
    bobs.post(
        url, form_of(bobs.get(url), "session_form", name="Qualifying 1", change_reason="Official name", _save="Save")
    )

    conflict = edith.post(
        url, form_of(page, "session_form", name="Qualifying (Hyperpole)", status="final", _save="Save")
    )

    assert conflict.status_code == 200
    row = conflict_rows(conflict)[1]
    assert row[:5] == [
        "2021 8 Hours of Portimao – Qualifying 1",
        "Name",
        "Qualifying",
        "Qualifying (Hyperpole)",
        "Qualifying 1",
    ]
    assert row[5].startswith("bob, ") and row[5].endswith(": “Official name”")
    assert SessionModel.objects.get(pk=session.pk).status == "provisional"  # nothing saved, not even the status


def test_a_state_set_meanwhile_by_the_service_is_a_conflict_then_keep_mine_goes_through_it(two_editors, session, bob):
    edith, _ = two_editors
    url = reverse("admin:events_session_change", args=[session.pk])
    page = edith.get(url)
    services.session_status_set(session=session, status="final", user=bob, note="Results final")

    conflict = edith.post(url, form_of(page, "session_form", status="live", _save="Save"))

    assert conflict.status_code == 200
    row = conflict_rows(conflict)[1]
    assert row[:5] == ["2021 8 Hours of Portimao – Qualifying", "Status", "Provisional", "Live", "Final"]
    assert row[5].startswith("bob, ") and row[5].endswith(": “Status changed from Provisional to Final: Results final”")
    assert SessionModel.objects.get(pk=session.pk).status == "final"

    kept = edith.post(url, form_of(conflict, "session_form", _save="keep-mine", change_reason="The race restarted"))

    assert kept.status_code == 302
    assert [(h.history_user.username, h.status, h.history_change_reason) for h in session.history.all()[:2]] == [
        ("edith", "live", "Status changed from Final to Live: The race restarted"),
        ("bob", "final", "Status changed from Provisional to Final: Results final"),
    ]


def test_a_class_order_changed_in_two_lists_is_a_conflict(two_editors, session):
    edith, bobs = two_editors
    url = reverse("admin:events_carclass_changelist")
    page = edith.get(url)
    gte = CarClass.objects.get(code="LMGTE Pro")
    data = form_of(page, "changelist-form")
    index = next(key.split("-")[1] for key, value in data.items() if key.endswith("-id") and value == [str(gte.pk)])
    bobs.post(url, form_of(bobs.get(url), "changelist-form", **{f"form-{index}-display_order": "5", "_save": "Save"}))

    conflict = edith.post(
        url, form_of(page, "changelist-form", **{f"form-{index}-display_order": "4", "_save": "Save"})
    )

    assert conflict.status_code == 200
    assert conflict_rows(conflict)[1][1:6] == [
        "Display order",
        "3",
        "4",
        "5",
        "another editor (car classes keep no history)",
    ]
    assert CarClass.objects.get(pk=gte.pk).display_order == 5
