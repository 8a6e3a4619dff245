"""The editors' admin as a new user finds it: times typed as times, readable history
dates, the editor's name without a forbidden link, and the lap list's filters kept."""

from django.urls import reverse

from events.models import Lap
from tests.admin.test_admin import change_form_data
from tests.helpers import lap_of, login


def test_elapsed_time_is_shown_and_typed_as_a_time(client, editor, session):
    lap = lap_of(session, "7", 1)
    login(client, editor)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    html = client.get(url).content.decode()
    assert 'name="elapsed_ms" value="1:31.200"' in html
    assert 'value="91200"' not in html
    response = client.post(url, change_form_data(lap, elapsed_ms="1:02:03.456", change_reason="Loop"))
    assert response.status_code == 302
    assert Lap.objects.get(pk=lap.pk).elapsed_ms == 3723456
    assert 'name="elapsed_ms" value="1:02:03.456"' in client.get(url).content.decode()


def test_elapsed_time_that_is_no_time_is_refused(client, editor, session):
    lap = lap_of(session, "7", 1)
    login(client, editor)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    response = client.post(url, change_form_data(lap, elapsed_ms="abc"))
    assert response.status_code == 200
    assert "“abc” is not a time; write it like 1:30.364." in response.content.decode()
    assert Lap.objects.get(pk=lap.pk).elapsed_ms == 91200


def test_saving_a_lap_keeps_its_elapsed_time(client, editor, session):
    lap = lap_of(session, "91", 3)
    login(client, editor)
    url = reverse("admin:events_lap_change", args=[lap.pk])
    response = client.post(url, change_form_data(lap, sector_1_ms="28.100"))
    assert response.status_code == 302
    lap.refresh_from_db()
    assert (lap.sector_1_ms, lap.elapsed_ms) == (28100, 295422)
