"""A lap time far from its class's laps, or sectors that do not add up, waits for the editor's tick."""

from django.urls import reverse

from events.models import Lap
from tests.admin.test_adminux import add_lap_data
from tests.helpers import form_of, lap_of, login, text_of

CHANGELIST = reverse("admin:events_lap_changelist")


def test_half_a_second_typed_on_the_lap_page_is_not_saved_until_ticked(client, editor, session):
    lap = lap_of(session, "7", 2)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    login(client, editor)
    page = client.get(url)

    refused = client.post(url, form_of(page, "lap_form", lap_time_ms="0.500", change_reason="Typo?", _save="Save"))

    assert refused.status_code == 200
    assert "The time is right: Lap 2 of #7, 0.500 — 0.500 is shorter than any lap of a circuit (20.000)." in text_of(
        refused
    )
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90573
    ticked = form_of(refused, "lap_form", _save="Save", _times_checked="lap_time_ms=500")
    saved = client.post(url, ticked)
    assert saved.status_code == 302
    lap.refresh_from_db()
    assert lap.lap_time_ms == 500
    assert lap.history.first().history_change_reason == (
        "Lap time corrected from 1:30.573 to 0.500: Typo? "
        "(time checked by the editor: 0.500 is shorter than any lap of a circuit (20.000).)"
    )


def test_a_time_that_would_take_pole_by_far_in_the_list_is_doubted(client, editor, session):
    login(client, editor)
    url = f"{CHANGELIST}?session__id__exact={session.pk}"
    page = client.get(url)
    data = form_of(page, "changelist-form")
    lap = lap_of(session, "7", 2)
    name = next(key for key, value in data.items() if key.endswith("-id") and value == [str(lap.pk)])
    name = name.replace("-id", "-lap_time_ms")

    refused = client.post(url, form_of(page, "changelist-form", **{name: "1:20.000", "_save": "Save"}))

    assert refused.status_code == 200
    assert (
        "The time is right: Lap 2 of #7, 1:20.000 — 1:20.000 is 11.7% faster than the best lap of Hypercar "
        "in this session (1:30.640)." in text_of(refused)
    )
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90573
    assert (
        client.post(url, form_of(refused, "changelist-form", _save="Save", _times_checked=f"{name}=81000")).status_code
        == 200
    )  # another time than the one ticked
    saved = client.post(url, form_of(refused, "changelist-form", _save="Save", _times_checked=f"{name}=80000"))
    assert saved.status_code == 302
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 80000


def test_sectors_that_do_not_add_up_are_doubted_on_the_lap_page(client, editor, session):
    lap = lap_of(session, "91", 2)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    login(client, editor)
    sectors = {"sector_1_ms": "30.000", "sector_2_ms": "38.000", "sector_3_ms": "30.000"}

    refused = client.post(url, form_of(client.get(url), "lap_form", **sectors, _save="Save"))

    assert "S1 + S2 + S3 make 1:38.000, not 1:38.402." in text_of(refused)
    assert Lap.objects.get(pk=lap.pk).sector_1_ms is None
    fixed = client.post(url, form_of(refused, "lap_form", sector_3_ms="30.402", _save="Save"))
    assert fixed.status_code == 302
    assert Lap.objects.get(pk=lap.pk).sector_3_ms == 30402


def test_a_lap_added_with_half_a_second_is_refused(client, editor, session):
    login(client, editor)
    entry = lap_of(session, "91", 1).entry
    response = client.post(reverse("admin:events_lap_add"), add_lap_data(session, entry.pk, lap_time_ms="0.500"))
    assert response.status_code == 200
    assert "0.500 is shorter than any lap of a circuit (20.000)." in text_of(response)
    assert not Lap.objects.filter(entry=entry, lap_number=4).exists()


def test_a_change_of_other_fields_does_not_check_an_old_doubtful_time(client, editor, session):
    lap = lap_of(session, "7", 2)
    Lap.objects.filter(pk=lap.pk).update(lap_time_ms=500)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    login(client, editor)
    response = client.post(url, form_of(client.get(url), "lap_form", flag_at_line="SF", _save="Save"))
    assert response.status_code == 302
    assert Lap.objects.get(pk=lap.pk).flag_at_line == "SF"
