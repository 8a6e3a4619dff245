"""The session admin: each session's state in the list and its filter; a change of state, on the
session's page or its round's, goes through ``session_status_set`` (history, results touched)."""

from django.urls import reverse

from events.models import Session
from tests.helpers import form_of, login, table_rows


def session_url(session):
    return reverse("admin:events_session_change", args=[session.pk])


def test_the_session_list_shows_and_filters_the_state(client, editor, session):
    Session.objects.create(round=session.round, kind="race", name="Race", slug="race", status="live")
    login(client, editor)
    url = reverse("admin:events_session_changelist")

    html = client.get(url).content.decode()
    rows = table_rows(html[html.index('id="result_list"') :])
    assert [row[:4] for row in rows[1:]] == [
        ["Qualifying", "2021 8 Hours of Portimao", "Qualifying", "Provisional"],
        ["Race", "2021 8 Hours of Portimao", "Race", "Live"],
    ]
    live = client.get(f"{url}?status__exact=live")
    assert [session.name for session in live.context["cl"].result_list] == ["Race"]
    assert '<a href="?status__exact=scheduled">Scheduled</a>' in live.content.decode()


def test_a_state_changed_on_the_sessions_page_goes_through_the_service(client, editor, session):
    version = Session.objects.get(pk=session.pk).results_version
    login(client, editor)
    page = client.get(session_url(session))

    response = client.post(
        session_url(session),
        form_of(page, "session_form", status="final", change_reason="Stewards' decisions published", _save="Save"),
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.results_version) == ("final", version + 1)
    assert [(h.history_user, h.status, h.history_change_reason) for h in session.history.all()[:2]] == [
        (editor, "final", "Status changed from Provisional to Final: Stewards' decisions published"),
        (None, "provisional", None),  # made by the fixture
    ]


def test_a_name_and_a_state_changed_together_are_two_lines_of_history(client, editor, session):
    login(client, editor)
    page = client.get(session_url(session))

    client.post(
        session_url(session),
        form_of(page, "session_form", name="Qualifying 1", status="live", change_reason="Timing", _save="Save"),
    )

    session.refresh_from_db()
    assert (session.name, session.status) == ("Qualifying 1", "live")
    assert [(h.name, h.status, h.history_change_reason) for h in session.history.all()[:2]] == [
        ("Qualifying 1", "live", "Status changed from Provisional to Live: Timing"),
        ("Qualifying 1", "provisional", "Timing"),
    ]


def test_a_state_changed_in_the_rounds_sessions_goes_through_the_service(client, editor, session):
    login(client, editor)
    url = reverse("admin:events_round_change", args=[session.round_id])
    page = client.get(url)
    status = next(key for key in form_of(page, "round_form") if key.endswith("-status") and "sessions" in key)

    response = client.post(
        url, form_of(page, "round_form", **{status: "scheduled"}, change_reason="Re-run", _save="Save")
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "scheduled"
    assert session.history.first().history_change_reason == "Status changed from Provisional to Scheduled: Re-run"
