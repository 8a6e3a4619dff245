"""What every ModelAdmin of the editors' admin shares: a history page that shows who
changed what, when and why (times formatted as 1:30.364), a reason typed with each
change, fields a change form never changes, and times typed as text."""

from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.db import router, transaction
from django.forms import TextInput
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .. import services
from ..core.laptime import format_lap_time
from ..fields import LapTimeField
from ..models import Session
from .conflicts import CONFLICT_FIELD, KEEP_MINE, TAKE_THEIRS, StaleEditForm
from .forms import TIMES_CHECKED, HistoryForm

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


# How the history shows when a change was made, in the site's time zone: 2 Dec 2026 17:05:03.
HISTORY_DATE_FORMAT = "j M Y H:i:s"

# The admin would render integer fields as number inputs; times are typed as text (1:30.364).
TIME_INPUTS = {LapTimeField: {"widget": TextInput}}


def _reverting(request) -> bool:
    """simple-history's revert page (<object>/history/<version>/)."""
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_simple_history"))


def write_changes(*, record, changes: dict, user, reason: str) -> None:
    """An editor's changes to a record, only those fields onto its row as it is now.

    A session's status goes through ``session_status_set``: the move is kept in the
    session's history with who and why, and its pages change at once.
    """
    changes = dict(changes)
    status = changes.pop("status", None) if isinstance(record, Session) else None
    if changes:
        services.record_update(record=record, changes=changes, user=user, reason=reason)
    if status is not None:
        services.session_status_set(session=record, status=status, user=user, note=reason)


def _checks_context(forms) -> dict:
    """What the page shows above its form when a save was refused: conflicts and doubted times."""
    return {
        "conflicts": [conflict for form in forms for conflict in getattr(form, "conflicts", ())],
        "conflict_field": CONFLICT_FIELD,
        "keep_mine": KEEP_MINE,
        "take_theirs": TAKE_THEIRS,
        "doubts": [doubt for form in forms for doubt in getattr(form, "doubts", ())],
        "times_checked": TIMES_CHECKED,
        "times_accepted": [form.accepted_tick for form in forms if getattr(form, "accepted_tick", "")],
    }


class StaleEditInline:
    """Inline rows (a season's classes, a round's sessions, an entry's drivers) checked like
    the change form they are in: only what the editor changed, never over someone else's change."""

    form = StaleEditForm


class EditorAdmin(admin.ModelAdmin):
    """Every form writes only the fields its editor changed and refuses, with both values
    shown, to overwrite a field someone else changed meanwhile (see ``conflicts``)."""

    form = StaleEditForm
    # Fields a change form never changes (and a revert from the history never restores):
    # what the object belongs to, and what only a service may set.
    protected_fields: tuple[str, ...] = ()
    change_form_template = "admin/events/change_form.html"
    change_list_template = "admin/events/change_list.html"

    class Media:
        css = {"all": ["events/css/admin.css"]}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in self.protected_fields if name not in fields]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if _reverting(request):
            form = type(form.__name__, (form,), {"stale_checks": False})
        return form

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", StaleEditForm)
        return super().get_changelist_form(request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":  # the list's rows are checked and saved in one transaction, locked between
            with transaction.atomic(using=router.db_for_write(self.model)):
                response = super().changelist_view(request, extra_context=extra_context)
        else:
            response = super().changelist_view(request, extra_context=extra_context)
        formset = getattr((getattr(response, "context_data", None) or {}).get("cl"), "formset", None)
        if formset is not None and formset.is_bound:
            response.context_data.update(_checks_context(formset.forms))
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        forms = [context["adminform"].form] if "adminform" in context else []
        forms += [form for inline in context.get("inline_admin_formsets", ()) for form in inline.formset.forms]
        context.update(_checks_context(forms))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def change_reason(self, request, form) -> str:
        return (form.cleaned_data.get("change_reason") or "").strip()

    def fields_to_write(self, obj, form) -> list[str]:
        """Attribute names a change form writes: those the editor changed, and that the row does not hold yet."""
        protected = set(self.protected_fields) | set(form._meta.exclude or ())
        if form.stale_checks:
            names = form.fields_to_write or []
            return [obj._meta.get_field(name).attname for name in names if name not in protected]
        current = type(obj)._default_manager.get(pk=obj.pk)  # a revert: compared with the row now
        return [
            field.attname
            for field in obj._meta.concrete_fields
            if not field.primary_key
            and field.name not in protected
            and field.editable
            and getattr(obj, field.attname) != getattr(current, field.attname)
        ]

    def save_model(self, request, obj, form, change):
        if not change or not type(obj)._default_manager.filter(pk=obj.pk).exists():
            # New, or brought back from the history of a removed record (simple-history's revert).
            obj._change_reason = self.change_reason(request, form)
            obj._history_user = request.user
            super().save_model(request, obj, form, change)
            return
        fields = self.fields_to_write(obj, form)
        if fields:  # only those, onto the row as it is now
            write_changes(
                record=obj,
                changes={name: getattr(obj, name) for name in fields},
                user=request.user,
                reason=self.change_reason(request, form),
            )

    def save_formset(self, request, form, formset, change):
        """Inline rows: new ones are added; changed ones get only the fields their editor changed."""
        formset.save(commit=False)
        reason = self.change_reason(request, form)
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj._change_reason = reason
            obj.delete()
        for obj, _changed in formset.changed_objects:
            row_form = next(f for f in formset.forms if f.instance is obj)
            fields = [obj._meta.get_field(name).attname for name in row_form.fields_to_write or []]
            if fields:
                write_changes(
                    record=obj, changes={name: getattr(obj, name) for name in fields}, user=request.user, reason=reason
                )
        for obj in formset.new_objects:
            if any(field.name == "created_by" for field in obj._meta.concrete_fields) and obj.created_by_id is None:
                obj.created_by = request.user  # a decision row (a pole) says who took it
            obj._history_user = request.user
            obj._change_reason = reason
            obj.save()
        formset.save_m2m()


class HistoryAdmin(SimpleHistoryAdmin, EditorAdmin):
    """Admin with a history page that lists who, when, why, and the old and new values."""

    formfield_overrides = TIME_INPUTS
    form = HistoryForm
    object_history_list_template = "admin/events/history_list.html"

    def history_view(self, request, object_id, extra_context=None):
        context = {
            "history_date_format": HISTORY_DATE_FORMAT,
            # Only who may see users gets a link to the user's page; for an editor it would be a 403.
            "user_links": request.user.has_perm("auth.view_user"),
            # The lap list's filters (?_changelist_filters=...) go on to the versions' pages.
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context=context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version's page keeps the list's filters, so a revert returns to the filtered list."""
        preserved_filters = self.get_preserved_filters(request)
        preserved = {"preserved_filters": preserved_filters, "opts": self.opts}
        urls = {
            name: add_preserved_filters(
                preserved, reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)
            )
            for name, view, args in [
                ("changelist_url", "changelist", ()),
                ("change_url", "change", (object_id,)),
                ("history_url", "history", (object_id,)),
            ]
        }
        # The form posts to this page with the filters, and the admin's redirect after saving keeps them.
        urls["form_url"] = add_preserved_filters(preserved, request.path)
        context = {"preserved_filters": preserved_filters, **urls, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, extra_context=context)

    def get_historical_record_context_helper(self, request, historical_record):
        return TimeAwareHistoryHelper(self.model, historical_record)

    def change_reason(self, request, form) -> str:
        """Why, as the editor typed it; a revert from the history page says so."""
        reason = super().change_reason(request, form)
        if _reverting(request):
            _object_id, version_id = request.resolver_match.args  # simple-history's URL: <object>/history/<version>/
            version = self.model.history.get(history_id=version_id)
            reverted = f"Reverted to the version of {version.history_date:%Y-%m-%d %H:%M:%S}"
            return f"{reverted}: {reason}" if reason else reverted
        return reason
