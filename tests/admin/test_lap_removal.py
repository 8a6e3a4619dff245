"""A lap an editor entered by mistake can be removed, with a reason, and brought back; a lap
from a timing file cannot (only its time is deleted)."""

import pytest
from django.urls import reverse

from events import services
from events.errors import InvalidChange
from events.models import Lap
from tests.admin.test_adminux import add_lap_data
from tests.helpers import form_of, lap_of, login, text_of


@pytest.fixture
def added_lap(client, editor, session):
    login(client, editor)
    entry = lap_of(session, "91", 1).entry
    client.post(reverse("admin:events_lap_add"), add_lap_data(session, entry.pk, lap_time_ms="1:38.900"))
    return Lap.objects.get(entry=entry, lap_number=4)


def test_an_added_lap_is_removed_with_a_reason_kept_in_its_history(client, editor, added_lap):
    url = reverse("admin:events_lap_delete", args=[added_lap.pk])
    change_page = client.get(reverse("admin:events_lap_change", args=[added_lap.pk])).content.decode()
    assert f'href="{url}"' in change_page

    question = client.get(url)
    assert "It was entered by hand, not read from a timing file." in text_of(question)
    unexplained = client.post(url, {"post": "yes", "reason": " "})
    assert unexplained.status_code == 200
    assert "This field is required." in text_of(unexplained)
    assert Lap.objects.filter(pk=added_lap.pk).exists()

    removed = client.post(url, {"post": "yes", "reason": "Entered twice"}, follow=True)

    assert not Lap.objects.filter(pk=added_lap.pk).exists()
    last = Lap.history.filter(id=added_lap.pk).first()
    assert (last.history_type, last.history_user, last.history_change_reason) == (
        "-",
        editor,
        "Lap removed: Entered twice",
    )
    history = reverse("admin:events_lap_history", args=[added_lap.pk])
    assert f'To bring the lap back, open <a href="{history}">its history</a>' in removed.content.decode()


def test_a_removed_lap_is_brought_back_from_its_history(client, editor, added_lap):
    client.post(reverse("admin:events_lap_delete", args=[added_lap.pk]), {"post": "yes", "reason": "Entered twice"})
    version = Lap.history.filter(id=added_lap.pk, history_type="+").get()
    revert = reverse("admin:events_lap_simple_history", args=[added_lap.pk, version.history_id])
    page = client.get(revert)
    assert page.status_code == 200

    response = client.post(revert, form_of(page, "historicallap_form", change_reason="It was right", _save="Save"))

    assert response.status_code == 302
    back = Lap.objects.get(pk=added_lap.pk)
    assert (back.lap_number, back.lap_time_ms, back.entry.number) == (4, 98900, "91")
    brought_back = back.history.first()
    assert (brought_back.history_type, brought_back.history_user) == ("+", editor)
    assert brought_back.history_change_reason.startswith("Reverted to the version of ")
    assert brought_back.history_change_reason.endswith(": It was right")


def test_a_lap_from_a_timing_file_offers_no_removal(client, editor, session):
    lap = lap_of(session, "7", 2)
    Lap.objects.filter(pk=lap.pk).update(imported_lap_time_ms=lap.lap_time_ms)
    login(client, editor)
    page = client.get(reverse("admin:events_lap_change", args=[lap.pk])).content.decode()
    assert reverse("admin:events_lap_delete", args=[lap.pk]) not in page
    assert client.get(reverse("admin:events_lap_delete", args=[lap.pk])).status_code == 403


def test_the_service_refuses_a_timing_file_lap_and_a_removal_without_reason(editor, session):
    lap = lap_of(session, "7", 2)
    with pytest.raises(
        InvalidChange, match=r"^Give a reason for removing lap 2 of car #7 in wec/2021/portimao/qualifying\.$"
    ):
        services.lap_remove(lap=lap, user=editor, reason="  ")
    Lap.objects.filter(pk=lap.pk).update(imported_lap_time_ms=lap.lap_time_ms)
    with pytest.raises(InvalidChange) as refused:
        services.lap_remove(lap=lap, user=editor, reason="Mistake")
    assert str(refused.value) == (
        "The lap 2 of car #7 in wec/2021/portimao/qualifying came from a timing file; "
        "it stays, and only its time can be deleted."
    )
    assert Lap.objects.filter(pk=lap.pk).exists()
