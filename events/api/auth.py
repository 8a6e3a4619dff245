"""Who may feed laps: ``Authorization: Bearer <token>`` with a user's API token.

``FeedTokenAuth`` answers 401 (``{"detail": "Unauthorized"}``, with ``WWW-Authenticate:
Bearer``) without a token, or with one that is wrong or revoked, or whose user is inactive;
403 with a ``detail`` saying why when the token's user may not import timing. Otherwise the
operation runs with the token's user as ``request.auth``, to record as who made the change.

An operation takes it as ``auth=FeedTokenAuth()`` and documents its answers with
``FEED_AUTH_ERRORS``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from ..permissions import may_import
from ..selectors import api_token_user
from . import schemas

FEED_AUTH_ERRORS = {401: schemas.ErrorOut, 403: schemas.ErrorOut}


class FeedTokenAuth(HttpBearer):
    """A bearer API token (``wec_...``) of a user who may import timing."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        user = api_token_user(token)
        if user is None:
            return None  # ninja answers 401
        if not may_import(user):
            raise AuthorizationError(message=f"The token's user “{user}” may not import timing (an editor may).")
        return user
