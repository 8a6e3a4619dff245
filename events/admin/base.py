"""What every ModelAdmin of the editors' admin shares: a history page that shows who
changed what, when and why (times formatted as 1:30.364), a reason typed with each
change, fields a change form never changes, and times typed as text."""

from django.contrib.admin.options import ActionLocation
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.forms import TextInput
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from ..core.laptime import format_lap_time
from ..fields import LapTimeField
from .forms import HistoryForm

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


class HistoryAdmin(SimpleHistoryAdmin):
    """Admin with a history page that lists who, when, why, and the old and new values."""

    formfield_overrides = TIME_INPUTS
    form = HistoryForm
    # Fields a change form never changes (and a revert from the history never restores):
    # what the object belongs to, and what only a service may set.
    protected_fields: tuple[str, ...] = ()
    object_history_list_template = "admin/events/history_list.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in self.protected_fields if name not in fields]
        return fields

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
