"""Whose API token is this: a read that notes, at most once a minute, when the token was last used."""

from django.utils import timezone

from ..models import (
    ApiToken,
)
from ..models.token import TOKEN_USE_PRECISION, token_digest


def api_token_user(secret: str):
    """The user of the active token ``secret`` (an active user), or None; found by its digest, so
    no comparison of secrets leaks by its timing. Notes when it was used, at most once a minute."""
    token = ApiToken.objects.active().select_related("user").filter(digest=token_digest(secret)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
