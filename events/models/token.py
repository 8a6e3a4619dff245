"""An API token: what a timing system sends to feed laps (``Authorization: Bearer <token>``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models

TOKEN_PREFIX = "wec_"
TOKEN_USE_PRECISION = dt.timedelta(minutes=1)  # last_used_at is written at most this often


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A user's token for the live feed, stored hashed; revoked, never deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What uses it, e.g. “timing PC, paddock”.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField("starts with", max_length=12, editable=False)  # to tell tokens apart in lists
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user}{', revoked' if self.revoked_at else ''})"

    @staticmethod
    def new_secret() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
