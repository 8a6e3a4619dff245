"""Two editors on one record never undo each other without a word.

Every form of the editors' admin (change forms, inlines, the lap list) carries what it
showed in each field as a hidden ``initial-`` input (Django's ``show_hidden_initial``).
On saving:

- only the fields the editor changed, relative to what their form showed, are written;
- a field someone else changed meanwhile, to something else than what this editor
  typed, is a conflict: nothing is saved, and the page shows, for each such field,
  what the editor saw, what they typed and what it is now (who, when, why), with two
  buttons: *Keep mine* (save again over theirs) and *Take theirs* (drop mine for
  those fields, save the rest). The hidden inputs then carry the current values, so
  a third change made meanwhile is again a conflict.

A form posted without the hidden inputs (a script, an old page) is compared with the
current row, as Django does by default.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import timezone

from .. import selectors, services
from ..core.laptime import format_lap_time
from ..fields import LapTimeFormField

# The save buttons of a conflict: which one the editor chose (posted as ``_save``).
KEEP_MINE = "keep-mine"
TAKE_THEIRS = "take-theirs"
# The conflicting fields' names in the page, posted back with the choice.
CONFLICT_FIELD = "_conflict"


@dataclass(frozen=True)
class Conflict:
    """One field two editors changed: what this editor saw and typed, and what it is now."""

    name: str  # the input's name in the page (with the form's prefix)
    record: str
    label: str
    seen: str
    mine: str
    theirs: str
    changed_by: str
    changed_at: str
    why: str


def shown(field: forms.Field, value) -> str:
    """A value as the editor reads it: 1:30.364, the choice's label, the car, yes/no."""
    if isinstance(value, list | tuple) and not isinstance(field, forms.ModelMultipleChoiceField):
        try:
            value = field.clean(value)
        except forms.ValidationError:
            value = " ".join(str(part) for part in value)
    if value in (None, ""):
        return "—"
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, Model | list | tuple):
        value = field.to_python(value)  # an id, as forms hold it
    if isinstance(field, LapTimeFormField):
        return format_lap_time(field.to_python(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        if hasattr(field, "shown"):  # a time on the circuit's clocks
            return field.shown(value)
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in value)
    return str(value)


class StaleEditForm(forms.ModelForm):
    """A model form that knows what it showed, writes only what the editor changed and
    refuses to overwrite a field someone else changed meanwhile (see the module's doc)."""

    # False on simple-history's revert page: it shows an old version, and a revert means
    # "make the record like this version", compared with the record as it is now.
    stale_checks = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[Conflict] = []
        # The model fields the editor changed and that differ from the row now: what a save writes.
        self.fields_to_write: list[str] | None = None
        self.disable_fields()
        if not self.stale_checks or self.instance.pk is None:
            return
        for name in self.checked_fields():
            field = self.fields[name]
            field.show_hidden_initial = True
            posted = not self.is_bound or not field.hidden_widget().value_omitted_from_data(
                self.data, self.files, self[name].html_initial_name
            )
            field.show_hidden_initial = posted  # no hidden input posted: compare with the row now
        if self.is_bound and self.data.get("_save") == TAKE_THEIRS:
            self._take_theirs(set(self.data.getlist(CONFLICT_FIELD)))

    def disable_fields(self) -> None:
        """Where a form makes fields read-only for some rows (before the checks look at them)."""

    def checked_fields(self) -> list[str]:
        """The form's fields that are the model's own (not the reason for the change)."""
        names = []
        for name, field in self.fields.items():
            try:
                self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.disabled:
                names.append(name)
        return names

    def _take_theirs(self, names: set[str]) -> None:
        """For the fields in conflict, the editor takes the value the page now shows as theirs."""
        data = self.data.copy()
        for name in self.checked_fields():
            bound = self[name]
            if bound.html_name not in names:
                continue
            hidden = bound.html_initial_name
            for key in [key for key in data if key == hidden or key.startswith(f"{hidden}_")]:
                data.setlist(bound.html_name + key[len(hidden) :], data.getlist(key))
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if self.stale_checks and self.instance.pk is not None and self.has_changed():
            self._check_for_changes_made_meanwhile()
        return cleaned

    def _check_for_changes_made_meanwhile(self) -> None:
        current = services.record_locked(self.instance)  # locked until the save's transaction ends
        now = type(self)(instance=current, prefix=self.prefix)  # what this form would show today
        self.fields_to_write = []
        checked = self.checked_fields()
        for name in self.changed_data:
            if name not in now.fields or name not in checked:
                continue
            field, bound = self.fields[name], self[name]
            if not field.has_changed(now[name].initial, bound.data):
                continue  # the row already holds what the editor typed
            seen = self._widget_data_value(field.hidden_widget(), bound.html_initial_name)
            if field.show_hidden_initial and field.has_changed(now[name].initial, seen):
                self._conflict(name, seen, current, now)
            else:
                self.fields_to_write.append(name)
        if self.conflicts:
            self._show_values_now([conflict.name for conflict in self.conflicts], now)

    def _conflict(self, name: str, seen, current, now) -> None:
        field = self.fields[name]
        model_field = self._meta.model._meta.get_field(name)
        change = selectors.record_last_change(current, model_field.attname)
        if change is not None:
            changed_by = str(change.history_user or "someone")
        elif hasattr(type(current), "history"):
            changed_by = "a timing import or a tool"  # they write without a history entry per row
        else:
            changed_by = f"another editor ({current._meta.verbose_name_plural} keep no history)"
        conflict = Conflict(
            name=self[name].html_name,
            record=str(current),
            label=str(field.label or name),
            seen=shown(field, field.to_python(seen) if not isinstance(seen, list) else seen),
            mine=shown(field, self.cleaned_data.get(name, self[name].data)),
            theirs=shown(field, now[name].initial),
            changed_by=changed_by,
            changed_at=timezone.localtime(change.history_date).strftime("%Y-%m-%d %H:%M:%S") if change else "",
            why=(change.history_change_reason or "") if change else "",
        )
        self.conflicts.append(conflict)
        self.add_error(
            name,
            f"Changed meanwhile by {conflict.changed_by} to {conflict.theirs} (you saw {conflict.seen}); "
            "nothing was saved. Keep yours or take theirs.",
        )

    def _show_values_now(self, names: list[str], now: StaleEditForm) -> None:
        """The page shows the editor's values again, its hidden inputs what the row holds now."""
        data = self.data.copy()
        for name in self.checked_fields():
            bound = self[name]
            if bound.html_name not in names:
                continue
            hidden = self.fields[name].hidden_widget()
            context = hidden.get_context(bound.html_initial_name, now[name].value(), {})["widget"]
            values: dict[str, list[str]] = {}
            for part in context.get("subwidgets") or [context]:
                values.setdefault(part["name"], []).append("" if part["value"] is None else str(part["value"]))
            for key, listed in values.items():
                data.setlist(key, listed)
        self.data = data
