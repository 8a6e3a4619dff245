"""The API token commands: issue_api_token (its last line is the token: a contract for
scripts), list_api_tokens and revoke_api_token."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events import selectors, services
from events.models import ApiToken


def run(name, *args):
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_issue_prints_the_token_last(editor):
    out, err = run("issue_api_token", "edith", "--name", "timing PC, paddock")
    token = ApiToken.objects.get()
    secret = out.splitlines()[-1]
    assert out == f"API token {token.hint}… for edith. Copy it now: it is not shown again.\n{secret}\n"
    assert err == ""
    assert (token.user, token.name, token.hint) == (editor, "timing PC, paddock", secret[:12])
    assert selectors.api_token_user(secret) == editor


def test_issue_warns_when_the_user_may_not_import(viewer):
    out, err = run("issue_api_token", "victor")
    secret = out.splitlines()[-1]
    assert err == (
        "Warning: “victor” may not import timing, so the feed refuses this token (403) "
        "until they may (add them to the Editors group).\n"
    )
    assert selectors.api_token_user(secret) == viewer  # issued all the same
    assert ApiToken.objects.get().name == ""


def test_issue_for_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="^No user “bob”.$"):
        run("issue_api_token", "bob")
    assert not ApiToken.objects.exists()


def test_issue_refused_by_the_service_is_an_error(editor):
    with pytest.raises(CommandError, match="^A token's name has at most 100 characters; this one has 101.$"):
        run("issue_api_token", "edith", "--name", "x" * 101)


@pytest.fixture
def tokens(editor, viewer, clock):
    """edith's paddock token (used at 14:05, revoked at 15:00) and victor's unnamed one (15:30)."""
    paddock, paddock_secret = services.api_token_issue(user=editor, name="timing PC, paddock")
    clock.advance(minutes=5)
    selectors.api_token_user(paddock_secret)
    clock.advance(minutes=55)
    services.api_token_revoke(token=paddock, by=editor)
    clock.advance(minutes=30)
    victor, _secret = services.api_token_issue(user=viewer)
    return paddock, victor


def test_list_shows_each_token_newest_first(tokens):
    paddock, victor = tokens
    out, _err = run("list_api_tokens")
    assert out.splitlines() == [
        "starts with   user    name                created           last used         revoked",
        f"{victor.hint}  victor  —                   2026-06-13 15:30  —                 —",
        f"{paddock.hint}  edith   timing PC, paddock  2026-06-13 14:00  2026-06-13 14:05  2026-06-13 15:00",
    ]


def test_list_of_one_user(tokens):
    _paddock, victor = tokens
    out, _err = run("list_api_tokens", "victor")
    assert out.splitlines() == [
        "starts with   user    name  created           last used  revoked",
        f"{victor.hint}  victor  —     2026-06-13 15:30  —          —",
    ]


def test_list_without_tokens(editor):
    assert run("list_api_tokens") == ("No API tokens.\n", "")
    assert run("list_api_tokens", "edith") == ("edith has no API tokens.\n", "")
    with pytest.raises(CommandError, match="^No user “bob”.$"):
        run("list_api_tokens", "bob")


def test_revoke_by_the_start_listed(editor, clock):
    out, _err = run("issue_api_token", "edith")
    secret = out.splitlines()[-1]
    clock.advance(minutes=10)
    assert run("revoke_api_token", secret[:12], "--user", "edith") == (
        f"Revoked the API token {secret[:12]}… of edith.\n",
        "",
    )
    assert ApiToken.objects.get().revoked_at == clock.now
    assert selectors.api_token_user(secret) is None
    revoked_before = f"The API token {secret[:12]}… of edith was already revoked on 2026-06-13 14:10."
    with pytest.raises(CommandError, match=f"^{re.escape(revoked_before)}$"):
        run("revoke_api_token", secret[:12])


def test_revoke_an_unknown_token(editor):
    services.api_token_issue(user=editor)
    with pytest.raises(CommandError, match="^No API token starts with “wec_nothing1”; list_api_tokens lists them.$"):
        run("revoke_api_token", "wec_nothing1")
    assert ApiToken.objects.active().count() == 1


def test_revoke_when_two_tokens_start_alike(editor, viewer):
    for user, digest in [(editor, "a" * 64), (viewer, "b" * 64)]:
        ApiToken.objects.create(user=user, digest=digest, hint="wec_sameStar")
    with pytest.raises(
        CommandError,
        match="^2 API tokens start with “wec_sameStar” \\(of edith, victor\\); revoke the one you mean in the admin.$",
    ):
        run("revoke_api_token", "wec_sameStar")
    assert ApiToken.objects.active().count() == 2
