"""Session starts in the admin are shown and typed as the circuit's clocks show them.

A start is kept as an instant (UTC); an editor copying a timetable types ``2021-06-12 15:00``
for a session at Portimao in June and means 15:00 WEST. The field reads and writes the wall
clock of the circuit's zone (UTC when the circuit or its zone is not known yet); a time the
clocks skipped is refused with a message saying so.
"""

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone

from ..core.localtime import NoSuchLocalTime, instant_from_wall_clock, local_time, zone_names
from ..models import Circuit, Session
from .conflicts import StaleEditForm
from .forms import HistoryForm


class CircuitForm(StaleEditForm):
    """A circuit: its time zone chosen among the IANA zones."""

    time_zone = forms.ChoiceField(
        required=False,
        help_text="Where the circuit's clocks are, e.g. Europe/Lisbon: session starts are shown and typed in it.",
    )

    class Meta:
        model = Circuit
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", "Not known yet (UTC)"), *((name, name) for name in zone_names())]


UTC_HELP = "In UTC: the circuit has no time zone yet (set it on the circuit to type local times)."


class CircuitTimeField(forms.SplitDateTimeField):
    """A date and time on the clocks of ``zone`` (an IANA name; empty: UTC)."""

    widget = AdminSplitDateTime

    def __init__(self, *args, zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def prepare_value(self, value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return local_time(value, self.zone).at.replace(tzinfo=None)
        return value

    def compress(self, data_list):
        aware = super().compress(data_list)  # read in the site's zone (UTC)
        if aware is None:
            return None
        return self.instant(timezone.make_naive(aware))

    def instant(self, wall: dt.datetime) -> dt.datetime:
        try:
            return instant_from_wall_clock(wall, self.zone)
        except NoSuchLocalTime as error:
            raise forms.ValidationError(str(error), code="no_such_local_time") from None

    def shown(self, value: dt.datetime) -> str:
        """``2021-06-12 15:00:00 WEST``: how a conflict page shows a value."""
        local = local_time(value, self.zone)
        return f"{local.at:%Y-%m-%d %H:%M:%S} {local.abbreviation}"


class CircuitTimesForm(forms.ModelForm):
    """A session form whose start is in the circuit's local time."""

    start = CircuitTimeField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "start" in self.fields:
            self._zone_set(self._zone(self.instance.round if self.instance.round_id else None))

    def _zone_set(self, zone: str) -> None:
        field = self.fields["start"]
        field.zone = zone
        field.help_text = f"Local time at the circuit ({zone})." if zone else UTC_HELP

    @staticmethod
    def _zone(round_) -> str:
        return round_.time_zone if round_ is not None else ""

    def clean(self):
        cleaned = super().clean()
        # A new session learns its round only now (chosen in this form, or the inline's parent):
        # the wall time typed is read again in that round's circuit's zone.
        field = self.fields.get("start")
        round_ = cleaned.get("round") or (self.instance.round if self.instance.round_id else None)
        zone = self._zone(round_)
        start = cleaned.get("start")
        if field is not None and zone != field.zone:
            wall = local_time(start, field.zone).at.replace(tzinfo=None) if start else None
            self._zone_set(zone)
            if wall is not None:
                try:
                    cleaned["start"] = field.instant(wall)
                except forms.ValidationError as error:
                    self.add_error("start", error)
        return cleaned


class SessionForm(CircuitTimesForm, HistoryForm):
    class Meta:
        model = Session
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields)


class SessionInlineForm(CircuitTimesForm, StaleEditForm):
    class Meta:
        model = Session
        fields = "__all__"  # noqa: DJ007 (the inline narrows the fields)
