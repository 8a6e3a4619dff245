"""The editors' admin as a new user finds it: times typed as times, readable history
dates, the editor's name without a forbidden link, the lap list's filters kept, and a new lap's
car chosen by its number."""

import datetime as dt
import re
from urllib.parse import quote

from django.test import override_settings
from django.urls import reverse

from events.models import Entry, Lap, Round
from tests.admin.test_admin import CHANGELIST, change_form_data
from tests.helpers import lap_of, login, text_of


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


def history_of(client, lap):
    return client.get(reverse("admin:events_lap_history", args=[lap.pk])).content.decode()


def test_history_dates_are_readable_in_the_sites_time_zone(client, editor, session):
    lap = lap_of(session, "7", 2)
    Lap.history.filter(id=lap.pk).update(history_date=dt.datetime(2026, 12, 2, 17, 5, 3, 123456, tzinfo=dt.UTC))
    login(client, editor)
    html = history_of(client, lap)
    assert "<td>2 Dec 2026 17:05:03</td>" in html
    assert "17:05:03.123456" not in html and "5:05 p.m." not in html


@override_settings(TIME_ZONE="Europe/Paris")
def test_history_dates_follow_the_sites_time_zone(client, editor, session):
    lap = lap_of(session, "7", 2)
    Lap.history.filter(id=lap.pk).update(history_date=dt.datetime(2026, 6, 12, 23, 59, 1, tzinfo=dt.UTC))
    login(client, editor)
    assert "<td>13 Jun 2026 01:59:01</td>" in history_of(client, lap)


def test_history_names_the_editor_without_a_link_editors_may_not_follow(client, editor, session):
    lap = lap_of(session, "7", 2)
    login(client, editor)
    client.post(
        reverse("admin:events_lap_change", args=[lap.pk]),
        change_form_data(lap, lap_time_ms="1:30.364", change_reason="Typo"),
    )
    html = history_of(client, lap)
    assert "/admin/auth/user/" not in html
    changed_by = re.findall(r"<td>\s*(.*?)\s*</td>", html, flags=re.S)
    assert "edith" in changed_by
    assert client.get(reverse("admin:auth_user_change", args=[editor.pk])).status_code == 403


def test_history_links_the_editor_for_who_may_view_users(admin_client, editor, session):
    lap = lap_of(session, "7", 2)
    Lap.history.filter(id=lap.pk).update(history_user=editor)
    html = history_of(admin_client, lap)
    assert f'<a href="/admin/auth/user/{editor.pk}/change/">edith</a>' in html


def test_a_revert_from_the_history_returns_to_the_filtered_lap_list(client, editor, session):
    lap = lap_of(session, "7", 2)
    login(client, editor)
    filters = f"session__id__exact={session.pk}&car={lap.entry_id}"
    preserved = "_changelist_filters=" + quote(filters, safe="")
    change_url = reverse("admin:events_lap_change", args=[lap.pk])
    assert (
        f'href="{change_url}?{preserved.replace("&", "&amp;")}"'
        in client.get(f"{CHANGELIST}?{filters}").content.decode()
    )
    client.post(f"{change_url}?{preserved}", change_form_data(lap, lap_time_ms="1:30.364", change_reason="Typo"))
    original = lap.history.last()
    revert_url = reverse("admin:events_lap_simple_history", args=[lap.pk, original.history_id])

    history = client.get(f"{reverse('admin:events_lap_history', args=[lap.pk])}?{preserved}").content.decode()
    assert f'<a href="{revert_url}?{preserved}">' in history
    page = client.get(f"{revert_url}?{preserved}").content.decode()
    assert f'action="{revert_url}?{preserved}"' in page
    history_url = reverse("admin:events_lap_history", args=[lap.pk])
    assert f'<a href="{history_url}?{preserved}" class="closelink">' in page

    response = client.post(
        f"{revert_url}?{preserved}", change_form_data(lap, lap_time_ms="1:30.573", change_reason="Revert typo")
    )
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?{filters}"
    assert Lap.objects.get(pk=lap.pk).lap_time_ms == 90573


def add_lap_data(session, entry_id, **overrides):
    data = {
        "session": session.pk,
        "entry": entry_id,
        "driver": "",
        "lap_number": 4,
        "lap_time_ms": "1:31.000",
        "change_reason": "Missing from the timing file",
        "sector_1_ms": "",
        "sector_2_ms": "",
        "sector_3_ms": "",
        "pit_time_ms": "",
        "top_speed_kph": "",
        "elapsed_ms": "4:33.413",
        "time_of_day": "",
        "flag_at_line": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_add_lap_from_the_filtered_list_knows_the_session_and_offers_its_cars(client, editor, session):
    toyota, porsche = lap_of(session, "7", 1).entry, lap_of(session, "91", 1).entry
    login(client, editor)
    filters = f"session__id__exact={session.pk}&car={toyota.pk}"
    add_url = reverse("admin:events_lap_add") + "?_changelist_filters=" + quote(filters, safe="")
    assert f'href="{add_url}"' in client.get(f"{CHANGELIST}?{filters}").content.decode()

    html = client.get(add_url).content.decode()
    assert re.search(rf'name="session" value="{session.pk}"', html)
    options = re.findall(r'<option value="(\d*)"( selected)?>([^<]*)</option>', html.split('name="entry"')[1])
    assert options[:3] == [
        ("", "", "- Select an option -"),
        (str(toyota.pk), " selected", "#7 Toyota Gazoo Racing"),
        (str(porsche.pk), "", "#91 Porsche GT Team"),
    ]

    response = client.post(add_url, add_lap_data(session, porsche.pk, lap_time_ms="1:38.900"))
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?{filters}"
    lap = Lap.objects.get(session=session, entry=porsche, lap_number=4)
    assert (lap.lap_time_ms, lap.elapsed_ms) == (98900, 273413)


def test_add_lap_refuses_a_car_of_another_round(client, editor, session):
    toyota = lap_of(session, "7", 1).entry
    monza = Round.objects.create(
        season=session.round.season,
        order=3,
        name="6 Hours of Monza",
        slug="monza",
        circuit=session.round.circuit,
        start_date=dt.date(2021, 7, 16),
        end_date=dt.date(2021, 7, 18),
    )
    elsewhere = Entry.objects.create(round=monza, number="7", car_class=toyota.car_class, team=toyota.team, car="Car")
    login(client, editor)
    response = client.post(reverse("admin:events_lap_add"), add_lap_data(session, elsewhere.pk))
    assert response.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in text_of(response)
    assert not Lap.objects.filter(lap_number=4).exists()


def test_add_lap_without_a_session_asks_for_ids_and_the_change_form_keeps_them(client, editor, session):
    login(client, editor)
    html = client.get(reverse("admin:events_lap_add")).content.decode()
    assert '<input type="text" name="entry" required id="id_entry" class="vForeignKeyRawIdAdminField">' in html
    lap = lap_of(session, "7", 1)
    html = client.get(reverse("admin:events_lap_change", args=[lap.pk])).content.decode()
    assert '<select name="entry"' not in html and '<input type="text" name="entry"' not in html
