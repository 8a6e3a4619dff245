"""API tokens in the admin: the secret shown once after adding, the list and its filter,
the Revoke action, names that change and nothing else, and no deleting."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from events import selectors, services
from events.models import ApiToken
from tests.helpers import form_of, login, table_rows, text_of

LIST = reverse("admin:events_apitoken_changelist")
ADD = reverse("admin:events_apitoken_add")
SECRET = re.compile(r"The new API token of edith: (wec_[A-Za-z0-9_-]{43}) — Copy it now: it is not shown again\.")


def change_url(token):
    return reverse("admin:events_apitoken_change", args=[token.pk])


def token_rows(response) -> list[list[str]]:
    """The change list's rows: starts with, user, name, created, last used, revoked."""
    rows = table_rows(response.content.decode())
    start = rows.index(["", "Starts with", "User", "Name", "Created at", "Last used at", "Revoked at"])
    return [row[1:] for row in rows[start + 1 :]]


def test_adding_a_token_shows_its_secret_once(admin_client, editor, clock):
    page = admin_client.get(ADD)
    assert set(form_of(page, "apitoken_form")) == {"csrfmiddlewaretoken", "user", "name"}  # no digest, no hint
    response = admin_client.post(ADD, form_of(page, "apitoken_form", user=str(editor.pk), name="paddock"), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    secret = SECRET.search(text_of(response)).group(1)
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.hint) == (editor, "paddock", secret[:12])
    assert selectors.api_token_user(secret) == editor
    for page in (admin_client.get(LIST), admin_client.get(change_url(token))):
        assert secret not in page.content.decode()  # never again
        assert token.digest not in page.content.decode()


def test_the_list_and_its_filter(admin_client, editor, viewer, clock):
    paddock, _secret = services.api_token_issue(user=editor, name="timing PC, paddock")
    clock.advance(minutes=30)
    spare, _secret = services.api_token_issue(user=viewer)
    clock.advance(hours=1)
    services.api_token_revoke(token=paddock, by=editor)
    paddock_row = [paddock.hint, "edith", "timing PC, paddock", "13 Jun 2026, 2 p.m.", "-", "13 Jun 2026, 3:30 p.m."]
    spare_row = [spare.hint, "victor", "-", "13 Jun 2026, 2:30 p.m.", "-", "-"]
    assert token_rows(admin_client.get(LIST)) == [spare_row, paddock_row]
    assert token_rows(admin_client.get(LIST, {"revoked": "no"})) == [spare_row]
    assert token_rows(admin_client.get(LIST, {"revoked": "yes"})) == [paddock_row]


def revoke(client, *tokens, follow=True):
    data = {"action": "revoke_tokens", "_selected_action": [str(token.pk) for token in tokens]}
    return client.post(LIST, data, follow=follow)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_revoke_action(admin_client, editor, viewer, clock):
    tokens = [services.api_token_issue(user=user) for user in (editor, viewer)]
    revoked_at = clock.advance(minutes=3)
    response = revoke(admin_client, *(token for token, _secret in tokens))
    assert messages_of(response) == ["Revoked 2 API tokens."]
    assert list(ApiToken.objects.values_list("revoked_at", flat=True)) == [revoked_at, revoked_at]
    assert [selectors.api_token_user(secret) for _token, secret in tokens] == [None, None]


def test_revoking_a_revoked_token_revokes_nothing(admin_client, editor, clock):
    revoked, _secret = services.api_token_issue(user=editor)
    services.api_token_revoke(token=revoked, by=editor)
    active, secret = services.api_token_issue(user=editor)
    clock.advance(minutes=3)
    response = revoke(admin_client, revoked, active)
    assert messages_of(response) == [
        f"Nothing was revoked: The API token {revoked.hint}… of edith was already revoked on 2026-06-13 14:00."
    ]
    assert selectors.api_token_user(secret) == editor


def test_revoke_from_the_token_page(admin_client, editor):
    token, _secret = services.api_token_issue(user=editor)
    page = admin_client.get(change_url(token))
    data = form_of(page, "apitoken_form", **{"CHANGE_FORM-action": "revoke_tokens"})
    assert data["_selected_action"] == [str(token.pk)]
    response = admin_client.post(change_url(token), data, follow=True)
    assert messages_of(response) == ["Revoked 1 API token."]
    assert ApiToken.objects.active().count() == 0


def test_only_the_name_changes(admin_client, editor, viewer):
    token, _secret = services.api_token_issue(user=editor, name="paddock")
    page = admin_client.get(change_url(token))
    fields = set(form_of(page, "apitoken_form")) - {
        "CHANGE_FORM-action",
        "CHANGE_FORM-select_across",
        "_selected_action",
    }
    assert fields == {"csrfmiddlewaretoken", "name"}
    data = form_of(page, "apitoken_form", name="timing PC", user=str(viewer.pk), revoked_at="2026-06-13 15:00")
    data["_save"] = ["Save"]  # the button pressed
    assert admin_client.post(change_url(token), data).status_code == 302
    assert ApiToken.objects.values_list("user", "name", "digest", "revoked_at").get() == (
        editor.pk,
        "timing PC",
        token.digest,
        None,
    )


def test_nothing_is_deleted(admin_client, editor):
    token, _secret = services.api_token_issue(user=editor)
    assert admin_client.get(reverse("admin:events_apitoken_delete", args=[token.pk])).status_code == 403
    assert "Delete" not in text_of(admin_client.get(change_url(token)))
    response = admin_client.post(LIST, {"action": "delete_selected", "_selected_action": [str(token.pk)]}, follow=True)
    assert messages_of(response) == ["No action selected."]  # there is no such action here
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("page", [LIST, ADD])
def test_editors_do_not_manage_tokens(client, editor, page):
    login(client, editor)
    assert client.get(page).status_code == 403
