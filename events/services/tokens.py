"""Writes to API tokens: issue one (its secret is shown once, only its digest is kept) and
revoke one (it stays on record, refused from then on).

Tokens have no history table: who issued or revoked a token, and when, goes to the log
(logger ``events.services.tokens``); the token's row keeps when it was made and revoked.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..errors import InvalidChange
from ..models import ApiToken
from ..models.token import token_digest

logger = logging.getLogger(__name__)

HINT_LENGTH = ApiToken._meta.get_field("hint").max_length
NAME_LENGTH = ApiToken._meta.get_field("name").max_length


def _by(user: AbstractBaseUser | None) -> str:
    return str(user) if user is not None and user.is_authenticated else "a command"


@transaction.atomic
def api_token_issue(
    *, user: AbstractBaseUser, name: str = "", by: AbstractBaseUser | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``, and its secret: the only time anyone sees it.

    ``name`` says what uses it; ``by`` who issued it (for the log).
    """
    name = (name or "").strip()
    if len(name) > NAME_LENGTH:
        raise InvalidChange(f"A token's name has at most {NAME_LENGTH} characters; this one has {len(name)}.")
    if not user.is_active:
        raise InvalidChange(f"User “{user}” is inactive: a token of theirs would be refused.")
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(user=user, name=name, digest=token_digest(secret), hint=secret[:HINT_LENGTH])
    logger.info("API token %s… issued to %s by %s", token.hint, user, _by(by))
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: AbstractBaseUser | None) -> ApiToken:
    """Refuse ``token`` from now on; the token stays on record with when it was revoked."""
    token = ApiToken.objects.select_for_update(of=("self",)).select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        revoked = timezone.localtime(token.revoked_at)
        raise InvalidChange(
            f"The API token {token.hint}… of {token.user} was already revoked on {revoked:%Y-%m-%d %H:%M}."
        )
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    logger.info("API token %s… of %s revoked by %s", token.hint, token.user, _by(by))
    return token
