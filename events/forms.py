"""Forms of the editors' admin that are not plain model forms."""

from django import forms

from .enums import DeletionReason
from .models import Lap


class LapTimeDeletionForm(forms.Form):
    """Asked before deleting lap times: a reason is required."""

    reason = forms.ChoiceField(choices=DeletionReason.choices, initial=DeletionReason.TRACK_LIMITS)
    note = forms.CharField(
        max_length=300,
        label="Why",
        help_text="Kept with the lap, e.g. “Track limits at turn 5”.",
        widget=forms.TextInput(attrs={"size": 60, "autofocus": True}),
    )


class LapTimeReinstatementForm(forms.Form):
    """Asked before reinstating lap times; the reason is optional."""

    note = forms.CharField(
        max_length=300,
        required=False,
        label="Why",
        help_text="Optional, e.g. “Stewards: lap was within limits”.",
        widget=forms.TextInput(attrs={"size": 60, "autofocus": True}),
    )


class HistoryForm(forms.ModelForm):
    """A change form with a field for why, kept in the object's history."""

    change_reason = forms.CharField(
        max_length=300,
        required=False,
        label="Reason for this change",
        help_text="Kept in the history, e.g. “Timing correction from race control”.",
    )


class LapForm(HistoryForm):
    """The lap change form: times are typed like 1:30.364, with an optional reason."""

    class Meta:
        model = Lap
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields through its fieldsets)
