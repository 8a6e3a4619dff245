"""The lap editor: pick a session, filter by car and driver, correct times in the list,
delete (track limits ...) or reinstate times through the services, never remove laps."""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation, IncorrectLookupParameters
from django.db.models.functions import Length
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .. import selectors, services
from ..core.laptime import format_lap_time
from ..errors import ResultsError
from ..models import Lap
from .base import BOTH_PLACES, HistoryAdmin
from .forms import (
    CarChoiceField,
    LapForm,
    LapListForm,
    LapRemovalForm,
    LapTimeDeletionForm,
    LapTimeReinstatementForm,
)


def _identifier(value: str, name: str) -> int:
    """An id from the address bar; anything else is the admin's "invalid filter" (a redirect with ?e=1)."""
    if not value.isdecimal():
        raise IncorrectLookupParameters(f"The {name} filter takes an id, not “{value}”.")
    return int(value)


class SessionFilter(admin.RelatedFieldListFilter):
    """Sessions that have laps, newest first."""

    def field_choices(self, field, request, model_admin):
        return [(session.pk, str(session)) for session in selectors.sessions_with_laps()]


class CarFilter(admin.SimpleListFilter):
    """The cars of the chosen session's round."""

    title = "car"
    parameter_name = "car"

    def lookups(self, request, model_admin):
        session_id = request.GET.get("session__id__exact")
        if not session_id or not session_id.isdecimal():
            return []
        entries = selectors.session_round_entries(int(session_id))
        return [(str(entry.pk), f"#{entry.number} {entry.team}") for entry in entries]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(entry_id=_identifier(self.value(), "car"))
        return queryset


class DriverFilter(admin.SimpleListFilter):
    """The drivers of the chosen session's cars (of the chosen car, when there is one)."""

    title = "driver"
    parameter_name = "driver"

    def lookups(self, request, model_admin):
        session_id = request.GET.get("session__id__exact")
        if not session_id or not session_id.isdecimal():
            return []
        car = request.GET.get("car")
        drivers = selectors.session_round_drivers(
            int(session_id), entry_id=int(car) if car and car.isdecimal() else None
        )
        return [(str(driver.pk), str(driver)) for driver in drivers]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(driver_id=_identifier(self.value(), "driver"))
        return queryset


@admin.register(Lap)
class LapAdmin(HistoryAdmin):
    """The lap editor: pick a session, filter by car and driver, correct times in the list."""

    form = LapForm
    list_display = [
        "car",
        "lap_number",
        "driver",
        "lap_time_ms",
        "time_status",
        "sector_1",
        "sector_2",
        "sector_3",
        "crossed_line_in_pit",
        "pit_time",
        "flag_at_line",
        "elapsed",
    ]
    list_display_links = ["lap_number"]
    list_editable = ["lap_time_ms"]
    list_filter = [("session", SessionFilter), CarFilter, DriverFilter, "is_time_deleted", "crossed_line_in_pit"]
    list_select_related = ["entry", "driver", "session"]
    list_per_page = 100
    search_fields = ["entry__number", "entry__team__name", "driver__last_name", "driver__first_name"]
    ordering = ["entry__car_class__display_order", Length("entry__number"), "entry__number", "lap_number"]
    autocomplete_fields = ["driver"]
    raw_id_fields = ["entry", "session"]
    delete_confirmation_template = "admin/events/lap/delete_confirmation.html"
    readonly_fields = ["is_time_deleted", "deletion_reason", "deletion_note", "deleted_by", "deleted_at"]
    protected_fields = ("session", "entry", *readonly_fields, "imported_lap_time_ms")
    actions = ["delete_lap_time", "reinstate_lap_time"]
    fieldsets = [
        (None, {"fields": ["session", "entry", "driver", "lap_number", "lap_time_ms", "change_reason"]}),
        (
            "Sectors and pit",
            {
                "fields": [
                    "sector_1_ms",
                    "sector_2_ms",
                    "sector_3_ms",
                    "crossed_line_in_pit",
                    "pit_time_ms",
                    "top_speed_kph",
                ]
            },
        ),
        ("Timing", {"fields": ["elapsed_ms", "time_of_day", "flag_at_line"]}),
        (
            "Deleted time",
            {
                "fields": readonly_fields,
                "description": "Use the actions in the lap list to delete or reinstate a time.",
            },
        ),
    ]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Laps are never removed in bulk; a wrong time is deleted (flagged) instead.
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        """Only a lap entered by hand may be removed (by mistake); one from a timing file stays."""
        return super().has_delete_permission(request, obj) and (obj is None or obj.imported_lap_time_ms is None)

    def delete_view(self, request, object_id, extra_context=None):
        """Removing a lap asks why; the history keeps the lap, who, when and why."""
        form = LapRemovalForm(request.POST if request.method == "POST" else None)
        if form.is_bound and not form.is_valid():
            request.POST = QueryDict()  # not confirmed: the admin shows the question again, with the error
        request.lap_removal_reason = form.cleaned_data["reason"] if form.is_bound and form.is_valid() else ""
        context = {"removal_form": form, **(extra_context or {})}
        return super().delete_view(request, object_id, extra_context=context)

    def delete_model(self, request, obj):
        services.lap_remove(lap=obj, user=request.user, reason=request.lap_removal_reason)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        history = reverse("admin:events_lap_history", args=[obj_id])
        self.message_user(
            request,
            format_html(
                'To bring the lap back, open <a href="{}">its history</a> and revert to its last version.', history
            ),
            messages.INFO,
        )
        return response

    def has_delete_lap_time_permission(self, request):
        return request.user.has_perm("events.delete_lap_time")

    def get_changeform_initial_data(self, request):
        """A lap added from the lap list belongs to the list's session and car (its "Add lap" link
        carries the list's filters as ?_changelist_filters=session__id__exact=..&car=..)."""
        initial = super().get_changeform_initial_data(request)
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        for field, parameter in (("session", "session__id__exact"), ("entry", "car")):
            value = filters.get(parameter, "")
            if field not in initial and value.isdecimal():
                initial[field] = value
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        session_id = self._added_lap_session_id(request) if db_field.name == "entry" else None
        if session_id is None:
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # A new lap's car is picked by its number among the session's cars, not typed as an id.
        return CarChoiceField(queryset=selectors.session_round_entries(session_id), label="Car")

    def _added_lap_session_id(self, request) -> int | None:
        """The session of the lap being added, when known (typed, or from the lap list's filter)."""
        match = request.resolver_match
        if not match or match.url_name != f"{self.opts.app_label}_{self.opts.model_name}_add":
            return None
        value = request.POST.get("session") if request.method == "POST" else None
        if value is None:
            value = str(self.get_changeform_initial_data(request).get("session", ""))
        return int(value) if value.isdecimal() else None

    @admin.display(description="car", ordering="entry__number")
    def car(self, lap):
        return f"#{lap.entry.number}"

    @admin.display(description="S1")
    def sector_1(self, lap):
        return format_lap_time(lap.sector_1_ms)

    @admin.display(description="S2")
    def sector_2(self, lap):
        return format_lap_time(lap.sector_2_ms)

    @admin.display(description="S3")
    def sector_3(self, lap):
        return format_lap_time(lap.sector_3_ms)

    @admin.display(description="pit time")
    def pit_time(self, lap):
        return format_lap_time(lap.pit_time_ms)

    @admin.display(description="elapsed", ordering="elapsed_ms")
    def elapsed(self, lap):
        return format_lap_time(lap.elapsed_ms)

    @admin.display(description="time deleted", ordering="is_time_deleted")
    def time_status(self, lap):
        if not lap.is_time_deleted:
            return ""
        who = f" by {lap.deleted_by}" if lap.deleted_by_id else ""
        when = f" on {lap.deleted_at:%Y-%m-%d %H:%M}" if lap.deleted_at else ""
        return format_html(
            '<span class="lap-deleted"><del>{}</del> DELETED ({}): {}{}{}</span>',
            format_lap_time(lap.lap_time_ms),
            lap.get_deletion_reason_display(),
            lap.deletion_note,
            who,
            when,
        )

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=LapListForm, **kwargs)

    def change_reason(self, request, form) -> str:
        """Why, as typed (in the lap list: "Corrected in the lap editor"), and the doubts the editor overrode."""
        in_list = "change_reason" not in form.fields
        reason = "Corrected in the lap editor" if in_list else super().change_reason(request, form)
        if getattr(form, "accepted_doubts", None):
            checked = "time checked by the editor: " + " ".join(form.accepted_doubts)
            reason = f"{reason} ({checked})" if reason else checked[0].upper() + checked[1:]
        return reason

    def save_model(self, request, obj, form, change):
        changed = self.fields_to_write(obj, form) if change and Lap.objects.filter(pk=obj.pk).exists() else []
        if "lap_time_ms" not in changed:
            super().save_model(request, obj, form, change)
            return
        reason = self.change_reason(request, form)
        also = {name: getattr(obj, name) for name in changed if name != "lap_time_ms"}
        services.lap_time_correct(lap=obj, lap_time_ms=obj.lap_time_ms, user=request.user, reason=reason, also=also)

    def _confirm_page(self, request, queryset, *, form, title, button, action):
        laps = list(queryset.select_related("entry", "driver", "session")[:200])
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "laps": laps,
            "lap_count": queryset.count(),
            "selected_ids": queryset.values_list("pk", flat=True),
            "action": action,
            # The same confirmation serves the lap list and the lap's own page.
            "action_field_name": "CHANGE_FORM-action" if "CHANGE_FORM-action" in request.POST else "action",
            "button": button,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/lap/confirm_lap_time_action.html", context)

    @admin.action(description="Delete lap time (track limits)", permissions=["delete_lap_time"], location=BOTH_PLACES)
    def delete_lap_time(self, request, queryset):
        form = LapTimeDeletionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                laps = services.lap_times_delete(
                    laps=list(queryset),
                    kind=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ResultsError as error:
                self.message_user(request, f"Nothing was deleted: {error}", messages.ERROR)
                return None
            self.message_user(
                request, f"Deleted {len(laps)} lap time(s): {form.cleaned_data['note']}", messages.SUCCESS
            )
            return None
        return self._confirm_page(
            request, queryset, form=form, title="Delete lap times", button="Delete lap times", action="delete_lap_time"
        )

    @admin.action(description="Reinstate lap time", permissions=["delete_lap_time"], location=BOTH_PLACES)
    def reinstate_lap_time(self, request, queryset):
        form = LapTimeReinstatementForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                laps = services.lap_times_reinstate(
                    laps=list(queryset), note=form.cleaned_data["note"], user=request.user
                )
            except ResultsError as error:
                self.message_user(request, f"Nothing was reinstated: {error}", messages.ERROR)
                return None
            self.message_user(request, f"Reinstated {len(laps)} lap time(s).", messages.SUCCESS)
            return None
        return self._confirm_page(
            request,
            queryset,
            form=form,
            title="Reinstate lap times",
            button="Reinstate lap times",
            action="reinstate_lap_time",
        )
