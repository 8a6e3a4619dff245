"""API tokens: issued with their secret shown once and only its digest kept, revoked and
kept; ``selectors.api_token_user`` finds a token's user and notes its use once a minute."""

import datetime as dt
import hashlib
import logging

import pytest

from events import selectors, services
from events.errors import InvalidChange
from events.models import ApiToken

ISSUED = dt.datetime(2026, 6, 13, 14, 0, tzinfo=dt.UTC)


def test_issue_gives_the_secret_and_keeps_only_its_digest(editor, clock):
    token, secret = services.api_token_issue(user=editor, name="  timing PC, paddock ")
    assert secret.startswith("wec_") and len(secret) == 47  # wec_ and 32 random bytes, URL-safe
    row = ApiToken.objects.values().get()
    assert row == {
        "id": token.pk,
        "user_id": editor.pk,
        "name": "timing PC, paddock",
        "digest": hashlib.sha256(secret.encode()).hexdigest(),
        "hint": secret[:12],
        "created_at": ISSUED,
        "last_used_at": None,
        "revoked_at": None,
    }
    assert secret not in repr(row)


def test_each_token_has_its_own_secret(editor):
    (first, first_secret), (second, second_secret) = (services.api_token_issue(user=editor) for _ in range(2))
    assert first_secret != second_secret
    assert first.digest != second.digest
    assert first.name == second.name == ""


def test_issue_and_revoke_are_logged_with_who(editor, admin_user, caplog):
    assert logging.getLogger("events.services.tokens").getEffectiveLevel() == logging.INFO  # (settings.LOGGING)
    token, _secret = services.api_token_issue(user=editor, name="paddock", by=admin_user)
    services.api_token_revoke(token=token, by=None)
    assert [record.getMessage() for record in caplog.records] == [
        f"API token {token.hint}… issued to edith by admin",
        f"API token {token.hint}… of edith revoked by a command",
    ]


def test_a_name_too_long_is_refused(editor):
    with pytest.raises(InvalidChange) as refused:
        services.api_token_issue(user=editor, name="x" * 101)
    assert str(refused.value) == "A token's name has at most 100 characters; this one has 101."
    assert not ApiToken.objects.exists()


def test_no_token_for_an_inactive_user(editor):
    editor.is_active = False
    editor.save()
    with pytest.raises(InvalidChange) as refused:
        services.api_token_issue(user=editor)
    assert str(refused.value) == "User “edith” is inactive: a token of theirs would be refused."
    assert not ApiToken.objects.exists()


def test_revoke_keeps_the_token_with_when(editor, clock):
    token, secret = services.api_token_issue(user=editor)
    revoked_at = clock.advance(hours=2)
    revoked = services.api_token_revoke(token=token, by=editor)
    assert revoked.revoked_at == revoked_at
    assert ApiToken.objects.values_list("digest", "revoked_at").get() == (token.digest, revoked_at)
    assert list(ApiToken.objects.active()) == []
    assert selectors.api_token_user(secret) is None


def test_revoking_twice_is_refused_with_when_it_was_revoked(editor, clock):
    token, _secret = services.api_token_issue(user=editor)
    services.api_token_revoke(token=token, by=editor)
    clock.advance(days=1)
    with pytest.raises(InvalidChange) as refused:
        services.api_token_revoke(token=token, by=editor)
    assert str(refused.value) == f"The API token {token.hint}… of edith was already revoked on 2026-06-13 14:00."
    assert ApiToken.objects.get().revoked_at == ISSUED  # the first revocation stands


def test_the_user_of_a_token(editor, reader):
    _token, secret = services.api_token_issue(user=editor)
    services.api_token_issue(user=reader)
    assert selectors.api_token_user(secret) == editor
    assert selectors.api_token_user(secret[:-1]) is None
    assert selectors.api_token_user("") is None
    assert selectors.api_token_user(hashlib.sha256(secret.encode()).hexdigest()) is None  # the digest is no token


def test_no_user_for_a_token_of_an_inactive_user(editor):
    _token, secret = services.api_token_issue(user=editor)
    editor.is_active = False
    editor.save()
    assert selectors.api_token_user(secret) is None


def test_use_is_noted_at_most_once_a_minute(editor, clock, django_assert_num_queries):
    token, secret = services.api_token_issue(user=editor)
    with django_assert_num_queries(2):  # the token with its user, then the note of its use
        selectors.api_token_user(secret)
    assert ApiToken.objects.get().last_used_at == ISSUED
    clock.advance(seconds=59)
    with django_assert_num_queries(1):  # no write
        selectors.api_token_user(secret)
    assert ApiToken.objects.get().last_used_at == ISSUED
    used = clock.advance(seconds=1)
    selectors.api_token_user(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == used
