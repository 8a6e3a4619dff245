"""The reference data editors keep: championships and seasons with their classes,
points rules and entrant kinds, circuits, rounds with their sessions, points and poles,
car classes, teams, drivers, and entries with their line-ups."""

from django.contrib import admin

from ..models import CarClass, Championship, Circuit, Driver, Entry, EntryDriver, Round, Season, Session, Team
from .base import TIME_INPUTS, EditorAdmin, HistoryAdmin, StaleEditInline
from .circuit_times import CircuitForm, SessionInlineForm
from .forms import RoundForm, SeasonForm
from .standings import RoundPoleInline, SeasonEntrantInline


@admin.register(Championship)
class ChampionshipAdmin(EditorAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}


class CarClassInline(StaleEditInline, admin.TabularInline):
    model = CarClass
    extra = 0
    fields = ["display_order", "code", "name", "colour"]


@admin.register(Season)
class SeasonAdmin(HistoryAdmin):
    form = SeasonForm
    list_display = [
        "__str__",
        "championship",
        "year",
        "qualifying_rule",
        "classification_threshold_percent",
        "rule_set",
    ]
    list_filter = ["championship"]
    list_select_related = ["championship"]
    search_fields = ["championship__name", "championship__short_name", "year"]
    inlines = [CarClassInline, SeasonEntrantInline]


@admin.register(Circuit)
class CircuitAdmin(EditorAdmin):
    list_display = ["name", "country", "time_zone", "length_m"]
    search_fields = ["name", "country"]
    form = CircuitForm


class SessionInline(StaleEditInline, admin.TabularInline):
    model = Session
    form = SessionInlineForm  # starts in the circuit's local time
    formfield_overrides = TIME_INPUTS
    extra = 0
    fields = ["name", "slug", "kind", "start", "duration_ms", "status"]
    show_change_link = True


@admin.register(Round)
class RoundAdmin(HistoryAdmin):
    form = RoundForm
    list_display = ["name", "season", "order", "circuit", "start_date", "end_date", "points_scale", "points_share"]
    list_filter = ["season__championship", "season__year"]
    list_select_related = ["season__championship", "circuit"]
    search_fields = ["name", "slug", "circuit__name"]
    autocomplete_fields = ["circuit"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["season", "order", "name", "slug", "circuit", "start_date", "end_date"]}),
        ("Championship points", {"fields": ["points_scale", "points_share"]}),
        (None, {"fields": ["change_reason"]}),
    ]
    inlines = [SessionInline, RoundPoleInline]


@admin.register(CarClass)
class CarClassAdmin(EditorAdmin):
    list_display = ["code", "name", "season", "display_order", "colour"]
    list_editable = ["display_order"]
    list_filter = ["season__championship", "season__year"]
    list_select_related = ["season__championship"]
    search_fields = ["code", "name"]


@admin.register(Team)
class TeamAdmin(EditorAdmin):
    list_display = ["name", "country"]
    search_fields = ["name"]
    readonly_fields = ["slug"]  # its address, made once from the name


@admin.register(Driver)
class DriverAdmin(EditorAdmin):
    list_display = ["last_name", "first_name", "nationality", "fia_category"]
    list_filter = ["fia_category"]
    search_fields = ["last_name", "first_name"]
    readonly_fields = ["slug"]  # its address, made once from the name


class EntryDriverInline(StaleEditInline, admin.TabularInline):
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
