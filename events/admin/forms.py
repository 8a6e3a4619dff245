"""Forms of the editors' admin: a reason with each change, lap-time actions, penalties
checked by the services, the standings' decisions (a season's points rules, a round's
points, its poles), and the import of a timing file."""

from dataclasses import dataclass

from django import forms

from .. import selectors, services
from ..core.standings import rule_set_for_year
from ..data import standings_rule_sets
from ..enums import DeletionReason, PenaltyKind, PointsScale, SessionKind
from ..errors import ResultsError
from ..fields import LapTimeFormField
from ..models import CarClass, Entry, Lap, Penalty, Round, RoundPole, Season
from .conflicts import StaleEditForm


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


class LapRemovalForm(forms.Form):
    """Asked before removing a lap entered by mistake: a reason is required."""

    reason = forms.CharField(
        max_length=250,
        label="Why",
        help_text="Kept in the lap's history, e.g. “Entered twice”.",
        widget=forms.TextInput(attrs={"size": 60, "autofocus": True}),
    )


class HistoryForm(StaleEditForm):
    """A change form with a field for why, kept in the object's history."""

    change_reason = forms.CharField(
        max_length=300,
        required=False,
        label="Reason for this change",
        help_text="Kept in the history, e.g. “Timing correction from race control”.",
    )


# Posted with a save: the doubted times the editor says are right, each as
# "<input name>=<milliseconds>", so a tick holds for that time only.
TIMES_CHECKED = "_times_checked"


@dataclass(frozen=True)
class Doubt:
    """A typed lap time that needs a second look, and why."""

    name: str  # the input's name in the page (with the form's prefix)
    lap: str
    typed: str
    reasons: list[str]
    tick: str  # what the editor's tick posts (TIMES_CHECKED)


class LapTimeChecks(forms.ModelForm):
    """A lap time far from its class's laps in the session, or with sectors that do not add
    up, is not saved until the editor ticks that it is right; the history says they did."""

    time_fields = ("lap_time_ms", "sector_1_ms", "sector_2_ms", "sector_3_ms")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.doubts: list[Doubt] = []
        self.accepted_doubts: list[str] = []
        self.accepted_tick = ""  # kept in the page when it shows again (a conflict elsewhere)

    def clean(self):
        # Before the check for changes made meanwhile, so that a page refused for both shows both.
        if "lap_time_ms" in self.fields and not self.fields["lap_time_ms"].disabled:
            self._check_lap_time(self.cleaned_data)
        return super().clean()

    def _check_lap_time(self, cleaned) -> None:
        if self.instance.pk is not None and not set(self.time_fields) & set(self.changed_data):
            return
        lap_time_ms = cleaned.get("lap_time_ms")
        session = cleaned.get("session") or getattr(self.instance, "session", None)
        entry = cleaned.get("entry") or getattr(self.instance, "entry", None)
        if not lap_time_ms or session is None or entry is None:
            return
        sectors = tuple(
            cleaned.get(name) if name in self.fields else getattr(self.instance, name) for name in self.time_fields[1:]
        )
        reasons = selectors.lap_time_doubts(
            session=session, entry=entry, lap_time_ms=lap_time_ms, sectors=sectors, lap_id=self.instance.pk
        )
        if not reasons:
            return
        name = self.add_prefix("lap_time_ms")
        tick = f"{name}={lap_time_ms}"
        if tick in self.data.getlist(TIMES_CHECKED):
            self.accepted_doubts, self.accepted_tick = reasons, tick
            return
        lap_number = cleaned.get("lap_number") or self.instance.lap_number
        lap = f"Lap {lap_number} of #{entry.number}"
        self.doubts.append(Doubt(name=name, lap=lap, typed=self.data.get(name, ""), reasons=reasons, tick=tick))
        self.add_error("lap_time_ms", " ".join(reasons) + " Check it; if it is right, tick “The time is right”.")


class LapForm(LapTimeChecks, HistoryForm):
    """The lap change form: times are typed like 1:30.364, with an optional reason."""

    # The model keeps elapsed_ms as a plain integer (no LapTimeField, which would need a
    # migration), so the form types and shows it as a time itself: 4:00:04.690, not 14404690.
    elapsed_ms = LapTimeFormField(
        required=False,
        label="elapsed",
        help_text="Time from the session start to the end of this lap, e.g. 1:02:03.456.",
    )

    class Meta:
        model = Lap
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields through its fieldsets)


class LapListForm(LapTimeChecks, StaleEditForm):
    """A row of the lap list: a deleted time is not typed over (reinstate it first).

    Only where the page showed the input disabled: a stale page that still offered the
    input (the time was deleted meanwhile) posts the correction, which is then applied
    like any other, next to the deletion."""

    def disable_fields(self):
        field = self.fields.get("lap_time_ms")
        if field is None or not self.instance.is_time_deleted:
            return
        if not self.is_bound or self.add_prefix("lap_time_ms") not in self.data:
            field.disabled = True
            field.widget.attrs["title"] = "Deleted time: reinstate it to correct it."


class CarChoiceField(forms.ModelChoiceField):
    """A car of the session's round, chosen by what the timing screens show: #36 Alpine Elf Matmut."""

    def label_from_instance(self, obj):
        return f"#{obj.number} {obj.team}"


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.path


class TimingImportForm(forms.Form):
    """Upload an Al Kamel file into a session: one that exists, or a new one named by its path."""

    existing_session = SessionChoiceField(
        queryset=selectors.sessions_newest_season_first(),
        required=False,
        label="Session",
        empty_label="a new session (give its path below)",
    )
    session_path = forms.CharField(
        label="or a new session",
        max_length=200,
        required=False,
        help_text="championship/year/round/session, e.g. wec/2026/le-mans/race; created with what is missing.",
        widget=forms.TextInput(attrs={"size": 40}),
    )
    file = forms.FileField(label="Timing file", help_text="Al Kamel analysis or classification CSV.")
    kind = forms.ChoiceField(
        choices=[("", "from the session's name"), *SessionKind.choices], required=False, label="Kind of a new session"
    )
    championship_name = forms.CharField(max_length=200, required=False, label="Name of a new championship")
    round_name = forms.CharField(max_length=200, required=False, label="Name of a new round")
    session_name = forms.CharField(max_length=100, required=False, label="Name of a new session")

    MAX_BYTES = 20 * 1024 * 1024

    def clean(self):
        data = super().clean()
        existing, path = data.get("existing_session"), (data.get("session_path") or "").strip()
        if existing and path and path != existing.path:
            raise forms.ValidationError("Choose a session or give a new session's path, not both.")
        if not existing and not path:
            raise forms.ValidationError("Choose a session, or give the path of a new one.")
        data["session_path"] = existing.path if existing else path
        return data

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 20 MB; a timing file is a few MB at most.")
        return upload


class PenaltyForm(HistoryForm):
    """A new penalty is checked by the services as the form is checked, so errors show on the form."""

    class Meta:
        model = Penalty
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields through its fieldsets)

    def clean(self):
        self._check_laps()
        data = super().clean()
        ready = data.get("session") and data.get("entry") and data.get("kind") and "laps" not in self.errors
        if self.instance.pk is None and ready:
            try:
                services.penalty_validate(
                    session=data["session"],
                    entry=data["entry"],
                    kind=data["kind"],
                    reason=data.get("reason", ""),
                    time_ms=data.get("time_ms"),
                    grid_places=data.get("grid_places"),
                    laps=data.get("laps"),
                )
            except ResultsError as error:
                raise forms.ValidationError(str(error)) from error
        return data

    def _check_laps(self) -> None:
        """Laps deducted: one or more for a laps penalty, none for any other kind.

        Before the model's check of the constraint, which would only name the constraint:
        the field in error is left out of that check.
        """
        if "laps" not in self.fields or "laps" in self.errors:
            return
        kind = self.cleaned_data.get("kind", self.instance.kind)
        laps = self.cleaned_data.get("laps")
        session = self.cleaned_data.get("session") or getattr(self.instance, "session", None)
        entry = self.cleaned_data.get("entry") or getattr(self.instance, "entry", None)
        where = f" (car #{entry.number} in {session.path})" if session is not None and entry is not None else ""
        if kind == PenaltyKind.LAPS and not laps:
            self.add_error("laps", f"A laps penalty needs one lap or more{where}.")
        elif kind and kind != PenaltyKind.LAPS and laps is not None:
            label = PenaltyKind(kind).label if kind in PenaltyKind.values else kind
            self.add_error("laps", f"Only a “Laps deducted” penalty takes laps, not “{label}”; leave it empty{where}.")


BY_YEAR = "By the season's year"


def rule_set_choices(season: Season) -> list[tuple[str, str]]:
    """The points rule sets of events/data/standings, after the empty choice that says which
    one the season's year gives (and, kept, a name no file has any more)."""
    rule_sets = standings_rule_sets()
    by_year = BY_YEAR
    if season.year:
        try:
            found = rule_set_for_year(rule_sets, season.year)
        except ValueError as error:
            by_year = f"{BY_YEAR}: {error}"
        else:
            by_year = f"{BY_YEAR}: {found.name} ({found.key})"
    choices = [("", by_year), *((rule_set.key, f"{rule_set.name} ({rule_set.key})") for rule_set in rule_sets)]
    if season.rule_set and season.rule_set not in {rule_set.key for rule_set in rule_sets}:
        # Not dropped silently by the next save of an unrelated field; the standings say it is missing.
        choices.append((season.rule_set, f"{season.rule_set} (no such file in events/data/standings)"))
    return choices


class SeasonForm(HistoryForm):
    """A season: its points rules chosen among the rule sets that exist."""

    rule_set = forms.ChoiceField(
        label="Points rules",
        required=False,
        help_text="The standings' rule set (events/data/standings); empty: the one in force in the season's year.",
    )

    class Meta:
        model = Season
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields through its fieldsets)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_set"].choices = rule_set_choices(self.instance)


class RoundForm(HistoryForm):
    """A round: an empty points scale says it comes from the race's length."""

    class Meta:
        model = Round
        fields = "__all__"  # noqa: DJ007 (the admin narrows the fields through its fieldsets)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "points_scale" in self.fields:
            self.fields["points_scale"].choices = [("", "From the race's length"), *PointsScale.choices]


class RoundCarChoiceField(CarChoiceField):
    """A car of one round (``round``); a car of another round is refused naming both rounds."""

    def __init__(self, *args, round=None, **kwargs):  # noqa: A002 (the model's word)
        super().__init__(*args, **kwargs)
        self.round = round

    def label_from_instance(self, obj):
        return f"#{obj.number} {obj.team} ({obj.car_class})"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            elsewhere = None
            if self.round is not None and str(value).isdecimal():
                elsewhere = (
                    Entry.objects.filter(pk=int(value)).exclude(round=self.round).select_related("round").first()
                )
            if elsewhere is None:
                raise
            raise forms.ValidationError(
                f"Car #{elsewhere.number} is entered in {elsewhere.round}, not in {self.round}; "
                "choose a car of this round.",
                code="invalid_choice",
            ) from None


class RoundPoleForm(StaleEditForm):
    """A round's pole for a class: a car of that round and class, and why (``round`` is set by the admin)."""

    round: Round | None = None

    entry = RoundCarChoiceField(queryset=Entry.objects.none(), label="Car")
    reason = forms.CharField(
        max_length=300,
        label="Why",
        help_text="E.g. “Qualifying cancelled (rain): grid by championship order”.",
        widget=forms.TextInput(attrs={"size": 40}),
    )

    class Meta:
        model = RoundPole
        fields = ["car_class", "entry", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        round_ = self.round or (self.instance.round if self.instance.round_id else None)
        entries = Entry.objects.filter(round=round_) if round_ is not None else Entry.objects.none()
        classes = CarClass.objects.filter(season_id=round_.season_id) if round_ is not None else CarClass.objects.none()
        self.fields["entry"].queryset = entries.select_related("team", "car_class")
        self.fields["entry"].round = round_
        if "car_class" in self.fields:
            self.fields["car_class"].queryset = classes

    def clean(self):
        car_class, entry = self.cleaned_data.get("car_class"), self.cleaned_data.get("entry")
        if car_class is not None and entry is not None and entry.car_class_id != car_class.pk:
            self.add_error(
                "entry", f"Car #{entry.number} runs in {entry.car_class}, not in {car_class}; choose a {car_class} car."
            )
        return super().clean()
