"""The editors' decisions the championship standings need: each car's entrant kind for a
season (on the season's page) and a round's pole when no session decides it (on the
round's page), each with its own list and history.

Both are checked and saved like every other form of the admin: only what the editor
changed is written, a change made meanwhile is a conflict, and a row taken out keeps
who and why in its history.
"""

from django.contrib import admin

from ..models import RoundPole, SeasonEntrant
from .base import HistoryAdmin, StaleEditInline
from .forms import HistoryForm, RoundPoleForm


class SeasonEntrantInline(StaleEditInline, admin.TabularInline):
    model = SeasonEntrant
    extra = 0
    fields = ["car_number", "kind"]
    verbose_name_plural = "entrant kinds (a car not listed is a works entry)"


class RoundPoleInline(StaleEditInline, admin.TabularInline):
    model = RoundPole
    form = RoundPoleForm
    extra = 0
    fields = ["car_class", "entry", "reason", "created_by"]
    readonly_fields = ["created_by"]
    verbose_name_plural = "pole positions decided by the editors (else the class's P1 in Hyperpole or qualifying)"

    def get_formset(self, request, obj=None, **kwargs):
        # Each row offers the cars and classes of this round only.
        kwargs["form"] = type(self.form.__name__, (self.form,), {"round": obj})
        return super().get_formset(request, obj, **kwargs)


@admin.register(SeasonEntrant)
class SeasonEntrantAdmin(HistoryAdmin):
    list_display = ["car_number", "kind", "season"]
    list_filter = ["kind", "season__championship", "season__year"]
    list_select_related = ["season__championship"]
    search_fields = ["car_number"]
    protected_fields = ("season",)


class RoundPoleChangeForm(RoundPoleForm, HistoryForm):
    """A pole on its own page: the round's cars, with a reason for the change."""


@admin.register(RoundPole)
class RoundPoleAdmin(HistoryAdmin):
    form = RoundPoleChangeForm
    list_display = ["round", "car_class", "entry", "reason", "created_by"]
    list_filter = ["round__season__championship", "round__season__year"]
    list_select_related = ["round__season__championship", "car_class", "entry__team", "created_by"]
    search_fields = ["round__name", "entry__number", "reason"]
    fields = ["round", "car_class", "entry", "reason", "created_by", "change_reason"]
    readonly_fields = ["round", "created_by"]
    protected_fields = ("round", "created_by")

    def has_add_permission(self, request):
        return False  # on the round's page, where the cars offered are that round's
