"""API tokens for the live feed: issued here (the secret is shown once, after saving),
listed with their use, revoked by an action; never deleted, so nothing is lost."""

from django.contrib import admin, messages
from django.db import transaction

from .. import services
from ..errors import ResultsError
from ..models import ApiToken
from .base import BOTH_PLACES

SHOWN = ["hint", "user", "name", "created_at", "last_used_at", "revoked_at"]


class RevokedFilter(admin.SimpleListFilter):
    title = "revoked"
    parameter_name = "revoked"

    def lookups(self, request, model_admin):
        return [("no", "Not revoked"), ("yes", "Revoked")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.active()
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens: add one for a user and copy its secret once; rename or revoke it later."""

    list_display = SHOWN
    list_filter = [RevokedFilter]
    list_select_related = ["user"]
    search_fields = ["hint", "name", "user__username"]
    actions = ["revoke_tokens"]

    def get_fields(self, request, obj=None):
        return ["user", "name"] if obj is None else SHOWN

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [name for name in SHOWN if name != "name"]

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted

    def save_model(self, request, obj, form, change):
        if change:  # only its name changes
            super().save_model(request, obj, form, change)
            return
        token, secret = services.api_token_issue(user=obj.user, name=obj.name, by=request.user)
        for field in ApiToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        self.message_user(
            request,
            f"The new API token of {token.user}: {secret} — Copy it now: it is not shown again.",
            messages.WARNING,
        )

    @admin.action(description="Revoke API tokens", permissions=["change"], location=BOTH_PLACES)
    def revoke_tokens(self, request, queryset):
        try:
            with transaction.atomic():
                revoked = [services.api_token_revoke(token=token, by=request.user) for token in queryset]
        except ResultsError as error:
            self.message_user(request, f"Nothing was revoked: {error}", messages.ERROR)
            return
        self.message_user(
            request, f"Revoked {len(revoked)} API token{'' if len(revoked) == 1 else 's'}.", messages.SUCCESS
        )
