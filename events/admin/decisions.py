"""Decisions on results: penalties (applied and revoked through the services), status
overrides, and the rows of official classification files."""

from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse

from .. import services
from ..core.laptime import format_lap_time
from ..errors import ResultsError
from ..models import OfficialResult, Penalty, StatusOverride
from .base import HistoryAdmin
from .forms import PenaltyForm


@admin.register(Penalty)
class PenaltyAdmin(HistoryAdmin):
    form = PenaltyForm
    list_display = [
        "entry",
        "session",
        "kind",
        "time_display",
        "grid_places",
        "laps",
        "reason",
        "created_by",
        "created_at",
        "revoked_display",
    ]
    list_filter = ["kind", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["entry__team", "session__round__season", "created_by"]
    search_fields = ["entry__number", "entry__team__name", "reason"]
    raw_id_fields = ["session", "entry"]
    readonly_fields = ["created_by", "created_at", "revoked_at", "revoked_by", "revoke_reason"]
    protected_fields = ("session", "entry", *readonly_fields)
    actions = ["revoke_penalty"]

    @admin.display(description="time added")
    def time_display(self, penalty):
        return format_lap_time(penalty.time_ms)

    @admin.display(description="revoked")
    def revoked_display(self, penalty):
        if penalty.revoked_at is None:
            return ""
        return f"{penalty.revoked_at:%Y-%m-%d %H:%M} {penalty.revoke_reason}".strip()

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.penalty_apply(
            session=obj.session,
            entry=obj.entry,
            kind=obj.kind,
            reason=obj.reason,
            user=request.user,
            time_ms=obj.time_ms,
            grid_places=obj.grid_places,
            laps=obj.laps,
        )
        obj.pk = created.pk

    @admin.action(description="Revoke penalty", permissions=["change"])
    def revoke_penalty(self, request, queryset):
        reason = request.POST.get("revoke_reason", "").strip()
        if "apply" in request.POST:
            try:
                with transaction.atomic():
                    revoked = [services.penalty_revoke(penalty=p, user=request.user, reason=reason) for p in queryset]
            except ResultsError as error:
                self.message_user(request, f"Nothing was revoked: {error}", messages.ERROR)
                return None
            self.message_user(
                request, f"Revoked {len(revoked)} penalt{'y' if len(revoked) == 1 else 'ies'}.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Revoke penalties",
            "opts": self.model._meta,
            "penalties": queryset.select_related("entry", "session"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/penalty/confirm_revoke.html", context)


@admin.register(StatusOverride)
class StatusOverrideAdmin(HistoryAdmin):
    list_display = ["entry", "session", "status", "reason", "created_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["entry__team", "session__round__season", "created_by"]
    search_fields = ["entry__number", "entry__team__name", "reason"]
    raw_id_fields = ["session", "entry"]
    readonly_fields = ["created_by", "created_at"]
    protected_fields = ("session", "entry", *readonly_fields)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(OfficialResult)
class OfficialResultAdmin(HistoryAdmin):
    """Rows of official classification files (sessions without laps); editors may correct them."""

    list_display = ["session", "row_order", "position", "entry", "status", "laps", "total_time", "gap_first"]
    list_filter = ["status"]
    list_select_related = ["entry", "session__round__season"]
    search_fields = ["entry__number", "entry__team__name"]
    raw_id_fields = ["session", "entry"]
    protected_fields = ("session", "entry")

    def has_add_permission(self, request):
        return False  # they come from timing files

    @admin.display(description="total time")
    def total_time(self, row):
        return format_lap_time(row.total_time_ms)
