"""The editors' admin: one ModelAdmin per model; lap changes go through the services."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Length
from django.forms import TextInput
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .. import selectors, services
from ..core.laptime import format_lap_time
from ..errors import ResultsError
from ..fields import LapTimeField
from ..importers import jobs, staging
from ..importers.alkamel import AlkamelError
from ..importers.loader import import_alkamel
from ..models import (
    CarClass,
    Championship,
    Circuit,
    Driver,
    Entry,
    EntryDriver,
    Lap,
    OfficialResult,
    Penalty,
    Round,
    Season,
    Session,
    StatusOverride,
    Team,
)
from .forms import HistoryForm, LapForm, LapTimeDeletionForm, LapTimeReinstatementForm, TimingImportForm

# Lap-time actions are offered in the lap list and on a lap's own page.
BOTH_PLACES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class TimeAwareHistoryHelper(HistoricalRecordContextHelper):
    """Shows old and new times in the history as 1:30.364, not as milliseconds."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value in (None, "") or (field.is_relation and getattr(value, "pk", 0) is None):
            return "—"
        if isinstance(field, LapTimeField) and isinstance(value, int):
            return format_lap_time(value)
        if field.choices and not field.is_relation:
            return dict(field.flatchoices).get(value, value) or "—"
        return super().prepare_delta_change_value(change, value)


# The admin would render integer fields as number inputs; times are typed as text (1:30.364).
TIME_INPUTS = {LapTimeField: {"widget": TextInput}}


class HistoryAdmin(SimpleHistoryAdmin):
    """Admin with a history page that lists who, when, why, and the old and new values."""

    formfield_overrides = TIME_INPUTS
    form = HistoryForm
    # Fields a change form never changes (and a revert from the history never restores):
    # what the object belongs to, and what only a service may set.
    protected_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in self.protected_fields if name not in fields]
        return fields

    def get_historical_record_context_helper(self, request, historical_record):
        return TimeAwareHistoryHelper(self.model, historical_record)

    def change_reason(self, request, form) -> str:
        """Why, as the editor typed it; a revert from the history page says so."""
        reason = (form.cleaned_data.get("change_reason") or "").strip()
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("_simple_history"):
            _object_id, version_id = match.args  # simple-history's URL: <object>/history/<version>/
            version = self.model.history.get(history_id=version_id)
            reverted = f"Reverted to the version of {version.history_date:%Y-%m-%d %H:%M:%S}"
            return f"{reverted}: {reason}" if reason else reverted
        return reason

    def save_model(self, request, obj, form, change):
        obj._change_reason = self.change_reason(request, form)
        if not change:
            super().save_model(request, obj, form, change)
            return
        changed = self.changed_fields(obj)
        if changed:  # write only those, so nothing set meanwhile by someone else is undone
            obj._history_user = request.user
            obj.save(update_fields=changed)

    def changed_fields(self, obj) -> list[str]:
        """Attribute names whose value differs from the database, after restoring the protected ones."""
        current = type(obj)._default_manager.get(pk=obj.pk)
        protected = {obj._meta.get_field(name).attname for name in self.protected_fields}
        for attname in protected:
            setattr(obj, attname, getattr(current, attname))
        return [
            field.attname
            for field in obj._meta.concrete_fields
            if not field.primary_key
            and field.attname not in protected
            and getattr(obj, field.attname) != getattr(current, field.attname)
        ]


@admin.register(Championship)
class ChampionshipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}


class CarClassInline(admin.TabularInline):
    model = CarClass
    extra = 0
    fields = ["display_order", "code", "name", "colour"]


@admin.register(Season)
class SeasonAdmin(HistoryAdmin):
    list_display = ["__str__", "championship", "year", "qualifying_rule", "classification_threshold_percent"]
    list_filter = ["championship"]
    list_select_related = ["championship"]
    search_fields = ["championship__name", "championship__short_name", "year"]
    inlines = [CarClassInline]


@admin.register(Circuit)
class CircuitAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "length_m"]
    search_fields = ["name", "country"]


class SessionInline(admin.TabularInline):
    model = Session
    formfield_overrides = TIME_INPUTS
    extra = 0
    fields = ["name", "slug", "kind", "start", "duration_ms", "status"]
    show_change_link = True


@admin.register(Round)
class RoundAdmin(HistoryAdmin):
    list_display = ["name", "season", "order", "circuit", "start_date", "end_date"]
    list_filter = ["season__championship", "season__year"]
    list_select_related = ["season__championship", "circuit"]
    search_fields = ["name", "slug", "circuit__name"]
    autocomplete_fields = ["circuit"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SessionInline]


@admin.register(CarClass)
class CarClassAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "season", "display_order", "colour"]
    list_editable = ["display_order"]
    list_filter = ["season__championship", "season__year"]
    list_select_related = ["season__championship"]
    search_fields = ["code", "name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    search_fields = ["name"]


@admin.register(Driver)
class DriverAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "nationality", "fia_category"]
    list_filter = ["fia_category"]
    search_fields = ["last_name", "first_name"]


class EntryDriverInline(admin.TabularInline):
    model = EntryDriver
    extra = 1
    fields = ["order", "driver"]
    autocomplete_fields = ["driver"]


@admin.register(Entry)
class EntryAdmin(HistoryAdmin):
    list_display = ["number", "round", "car_class", "group", "team", "car", "drivers_display"]
    list_display_links = ["number", "team"]
    list_filter = ["round__season__championship", "round__season__year", "car_class__code"]
    list_select_related = ["round__season__championship", "car_class", "team"]
    search_fields = ["number", "team__name", "drivers__last_name", "drivers__first_name", "car"]
    autocomplete_fields = ["team"]
    inlines = [EntryDriverInline]
    protected_fields = ("round",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entry_drivers__driver")

    @admin.display(description="drivers")
    def drivers_display(self, entry):
        return ", ".join(str(entry_driver.driver) for entry_driver in entry.entry_drivers.all())


@admin.register(Session)
class SessionAdmin(HistoryAdmin):
    change_list_template = "admin/events/session/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="events_session_import",
            ),
            path(
                "import/<str:token>/",
                self.admin_site.admin_view(self.import_status_view),
                name="events_session_import_status",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def _check_may_import(request):
        if not (request.user.has_perm("events.add_lap") and request.user.has_perm("events.change_lap")):
            raise PermissionDenied

    def import_view(self, request):
        """Upload a timing file, see what it would do, then confirm."""
        self._check_may_import(request)
        form = TimingImportForm(request.POST or None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "title": "Import timing file", "opts": self.model._meta}
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirmed(request, context)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            options = {
                key: form.cleaned_data[key]
                for key in ("session_path", "kind", "championship_name", "round_name", "session_name")
            }
            try:
                summary = import_alkamel(data=data, user=request.user, dry_run=True, **self._import_options(options))
            except (AlkamelError, ResultsError) as error:
                form.add_error("file" if isinstance(error, AlkamelError) else "session_path", str(error))
            else:
                token = staging.staged_upload_save(data)
                request.session[f"import-{token}"] = options
                context.update(preview=summary.lines(), token=token, file_name=form.cleaned_data["file"].name)
        context["form"] = form
        return TemplateResponse(request, "admin/events/session/import.html", context)

    @staticmethod
    def _import_options(options):
        return {**options, "kind": options["kind"] or None}

    def _import_confirmed(self, request, context):
        token = request.POST.get("token", "")
        options = request.session.pop(f"import-{token}", None)
        data = staging.staged_upload_read(token) if options is not None else None
        if data is None:
            self.message_user(request, "That preview has expired; upload the file again.", messages.ERROR)
            context["form"] = TimingImportForm()
            return TemplateResponse(request, "admin/events/session/import.html", context)
        staging.staged_upload_remove(token)
        jobs.import_job_start(
            token=token,
            data=data,
            options=self._import_options(options),
            user=request.user,
            background=settings.WECRESULTS_IMPORTS_IN_BACKGROUND,
        )
        return HttpResponseRedirect(reverse("admin:events_session_import_status", args=[token]))

    def import_status_view(self, request, token):
        """Progress of an import, then its summary; JSON for the page's own script."""
        self._check_may_import(request)
        state = jobs.job_state(token)
        if state is None:
            raise Http404("No such import.")
        if request.GET.get("format") == "json":
            return JsonResponse(state)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import timing file",
            "opts": self.model._meta,
            "job": state,
            "status_url": f"{request.path}?format=json",
        }
        return TemplateResponse(request, "admin/events/session/import_status.html", context)

    list_display = ["name", "round", "kind", "status", "start", "lap_editor_link"]
    list_filter = ["kind", "status", "round__season__championship", "round__season__year"]
    list_select_related = ["round__season__championship"]
    search_fields = ["name", "slug", "round__name"]
    readonly_fields = ["path", "lap_editor_link"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lap_count=Count("laps"))

    @admin.display(description="laps")
    def lap_editor_link(self, session):
        url = reverse("admin:events_lap_changelist") + f"?session__id__exact={session.pk}"
        count = getattr(session, "lap_count", None)
        if count is None:
            count = session.laps.count()
        return format_html('<a href="{}">Lap editor ({} laps)</a>', url, count)


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
        if not session_id or not session_id.isdigit():
            return []
        entries = selectors.session_round_entries(int(session_id))
        return [(str(entry.pk), f"#{entry.number} {entry.team}") for entry in entries]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(entry_id=self.value())
        return queryset


class DriverFilter(admin.SimpleListFilter):
    """The drivers of the chosen session's cars (of the chosen car, when there is one)."""

    title = "driver"
    parameter_name = "driver"

    def lookups(self, request, model_admin):
        session_id = request.GET.get("session__id__exact")
        if not session_id or not session_id.isdigit():
            return []
        car = request.GET.get("car")
        drivers = selectors.session_round_drivers(int(session_id), entry_id=int(car) if car and car.isdigit() else None)
        return [(str(driver.pk), str(driver)) for driver in drivers]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(driver_id=self.value())
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

    class Media:
        css = {"all": ["events/css/admin.css"]}

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Laps are never removed in bulk; a wrong time is deleted (flagged) instead.
        actions.pop("delete_selected", None)
        return actions

    def has_delete_lap_time_permission(self, request):
        return request.user.has_perm("events.delete_lap_time")

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

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        changed = self.changed_fields(obj)
        if "lap_time_ms" not in changed:
            super().save_model(request, obj, form, change)
            return
        reason = self.change_reason(request, form)
        if "change_reason" not in form.fields:  # a correction typed into the lap list
            reason = "Corrected in the lap editor"
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


class PenaltyForm(HistoryForm):
    class Meta:
        model = Penalty
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields through its fieldsets)

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("session") and data.get("entry") and data.get("kind"):
            try:
                services.penalty_validate(
                    session=data["session"],
                    entry=data["entry"],
                    kind=data["kind"],
                    reason=data.get("reason", ""),
                    time_ms=data.get("time_ms"),
                    grid_places=data.get("grid_places"),
                )
            except ResultsError as error:
                raise ValidationError(str(error)) from error
        return data


@admin.register(Penalty)
class PenaltyAdmin(HistoryAdmin):
    form = PenaltyForm
    list_display = [
        "entry",
        "session",
        "kind",
        "time_display",
        "grid_places",
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
        obj.reason = obj.reason.strip()
        created = services.penalty_apply(
            session=obj.session,
            entry=obj.entry,
            kind=obj.kind,
            reason=obj.reason,
            user=request.user,
            time_ms=obj.time_ms,
            grid_places=obj.grid_places,
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
