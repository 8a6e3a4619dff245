"""The admin shows and takes session starts on the circuit's clocks (Portimao: Europe/Lisbon,
UTC+1 in summer), refuses a time the clocks skipped, and keeps starts in UTC inside."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from events.admin.circuit_times import UTC_HELP, SessionInlineForm
from events.models import Circuit, Session
from tests.helpers import login

START = dt.datetime(2021, 6, 12, 14, 0, tzinfo=dt.UTC)  # 15:00 WEST


def session_post(session, **fields):
    data = {
        "round": session.round_id,
        "kind": "qualifying",
        "name": "Qualifying",
        "slug": "qualifying",
        "start_0": "",
        "start_1": "",
        "duration_ms": "",
        "status": "provisional",
        "_save": "Save",
    }
    data.update(fields)
    return data


@pytest.fixture
def started(session):
    Session.objects.filter(pk=session.pk).update(start=START)
    session.refresh_from_db()
    return session


def test_the_change_form_shows_the_start_on_the_circuits_clocks(client, editor, started):
    login(client, editor)
    html = client.get(reverse("admin:events_session_change", args=[started.pk])).content.decode()
    assert re.search(r'name="start_0" value="([^"]*)"', html).group(1) == "12/06/2021"
    assert re.search(r'name="start_1" value="([^"]*)"', html).group(1) == "15:00:00"
    assert "Local time at the circuit (Europe/Lisbon)." in html


def test_a_time_typed_is_read_on_the_circuits_clocks(client, editor, started):
    login(client, editor)
    url = reverse("admin:events_session_change", args=[started.pk])
    response = client.post(url, session_post(started, start_0="2021-06-12", start_1="16:30"))
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.start == dt.datetime(2021, 6, 12, 15, 30, tzinfo=dt.UTC)


def test_a_time_the_clocks_skipped_is_refused_and_nothing_changes(client, editor, started):
    login(client, editor)
    url = reverse("admin:events_session_change", args=[started.pk])
    response = client.post(url, session_post(started, start_0="2021-03-28", start_1="01:30"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start"] == [
        "28 Mar 2021 01:30 did not happen in Europe/Lisbon: the clocks went forward over it."
    ]
    started.refresh_from_db()
    assert started.start == START


def test_a_new_session_is_read_in_the_zone_of_the_round_chosen(client, editor, session):
    login(client, editor)
    data = session_post(session, slug="race", name="Race", kind="race", start_0="2021-06-13", start_1="12:00")
    response = client.post(reverse("admin:events_session_add"), data)
    assert response.status_code == 302
    assert Session.objects.get(slug="race").start == dt.datetime(2021, 6, 13, 11, 0, tzinfo=dt.UTC)


def test_a_new_row_of_the_rounds_sessions_is_read_in_the_rounds_zone(session):
    form = SessionInlineForm(
        data={"name": "Warm-up", "slug": "warm-up", "kind": "warmup", "status": "scheduled"}
        | {"start_0": "2021-06-13", "start_1": "09:00", "round": session.round_id},
        instance=Session(round=session.round),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == dt.datetime(2021, 6, 13, 8, 0, tzinfo=dt.UTC)


def test_a_circuit_without_a_zone_takes_utc_and_says_so(client, editor, started):
    Circuit.objects.update(time_zone="")
    login(client, editor)
    url = reverse("admin:events_session_change", args=[started.pk])
    html = client.get(url).content.decode()
    assert re.search(r'name="start_1" value="([^"]*)"', html).group(1) == "14:00:00"
    assert UTC_HELP in html
    client.post(url, session_post(started, start_0="2021-06-12", start_1="16:30"))
    started.refresh_from_db()
    assert started.start == dt.datetime(2021, 6, 12, 16, 30, tzinfo=dt.UTC)


def test_the_session_list_shows_starts_on_the_circuits_clocks(client, editor, started):
    login(client, editor)
    html = client.get(reverse("admin:events_session_changelist")).content.decode()
    assert '<td class="field-start_local">12 Jun 2021, 15:00 WEST</td>' in html


def test_a_circuits_zone_is_one_of_the_iana_zones(client, editor, session):
    login(client, editor)
    circuit = Circuit.objects.get()
    url = reverse("admin:events_circuit_change", args=[circuit.pk])
    data = {"name": "Portimao", "country": "Portugal", "length_m": "4653", "_save": "Save"}
    response = client.post(url, data | {"time_zone": "Europe/Portimao"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["time_zone"] == [
        "Select a valid choice. Europe/Portimao is not one of the available choices."
    ]
    assert client.post(url, data | {"time_zone": "Atlantic/Madeira"}).status_code == 302
    assert Circuit.objects.get().time_zone == "Atlantic/Madeira"
