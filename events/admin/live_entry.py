"""The live entry screen of one session: type a car's number and lap time, Enter saves.

During a live session an editor keys laps in as the cars cross the line (``lap_add``):
car number, Tab, lap time, Enter. The page comes back (post, redirect, get) with the car
number empty and focused, the flag kept, and the session's last laps below, each
correctable in place (``lap_time_correct`` with the time the row showed, so a time
someone else changed meanwhile is a conflict, never overwritten) and its time deletable
for track limits or reinstated. Plain forms: no script, nothing inline (strict CSP).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .. import selectors, services
from ..core.laptime import format_lap_time
from ..enums import DeletionReason, FlagAtLine
from ..errors import EditConflict, InvalidChange, NotFound, ResultsError
from ..fields import LapTimeFormField
from ..models import Lap

# How many of the session's laps the screen lists, newest first.
LATEST_LAPS = 20
# What the history says of a time corrected on this screen.
CORRECTED_REASON = "Corrected on the live entry screen"
# Who may enter laps: add them, and correct them.
ENTRY_PERMISSIONS = ("events.add_lap", "events.change_lap")


class LiveLapForm(forms.Form):
    """One lap: the car, its time, and what the timing screen showed with it."""

    car_number = forms.CharField(
        label="Car",
        max_length=10,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "size": 5, "inputmode": "numeric"}),
    )
    lap_time = LapTimeFormField(label="Lap time")
    flag_at_line = forms.ChoiceField(label="Flag", choices=[("", "—"), *FlagAtLine.choices], required=False)
    crossed_line_in_pit = forms.BooleanField(label="Pit in", required=False)


class LapRowForm(forms.Form):
    """An action on a listed lap: correct its time, delete it for track limits, reinstate it."""

    CORRECT, DELETE, REINSTATE = "correct", "delete", "reinstate"

    action = forms.ChoiceField(choices=[(name, name) for name in (CORRECT, DELETE, REINSTATE)])
    lap = forms.IntegerField()
    seen = forms.IntegerField(required=False)  # the time the row showed, in ms
    lap_time = LapTimeFormField(required=False)
    note = forms.CharField(max_length=300, required=False)


def live_entry_url(session_id: int) -> str:
    return reverse("admin:events_session_live_entry", args=[session_id])


def live_entry_link(session) -> str:
    """The link on a session's page (none while it is being added)."""
    if session is None or session.pk is None:
        return ""
    return format_html('<a href="{}">Live lap entry</a>', live_entry_url(session.pk))


class LiveEntryAdmin:
    """The session admin's live entry screen (``<session>/live-entry/``)."""

    def live_entry_urls(self):
        return [
            path(
                "<int:session_id>/live-entry/",
                self.admin_site.admin_view(self.live_entry_view),
                name="events_session_live_entry",
            )
        ]

    def live_entry_view(self, request, session_id):
        if not request.user.has_perms(ENTRY_PERMISSIONS):
            raise PermissionDenied
        session = self.get_object(request, str(session_id))
        if session is None:
            raise Http404("No such session.")
        entry_form, row_error = LiveLapForm(initial={"flag_at_line": request.GET.get("flag", "")}), None
        if request.method == "POST" and "action" in request.POST:
            row_error = self._lap_row_action(request, session)
            if row_error is None:
                return HttpResponseRedirect(request.get_full_path())
        elif request.method == "POST":
            entry_form = LiveLapForm(request.POST)
            if entry_form.is_valid() and self._lap_enter(request, session, entry_form):
                flag = entry_form.cleaned_data["flag_at_line"]
                return HttpResponseRedirect(live_entry_url(session.pk) + (f"?flag={flag}" if flag else ""))
        laps = selectors.session_laps(session).select_related("deleted_by").order_by("-pk")[:LATEST_LAPS]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Live lap entry: {session.round} {session.name}",
            "opts": self.model._meta,
            "session": session,
            "form": entry_form,
            "laps": laps,
            "row_error": row_error,
            "may_delete_times": request.user.has_perm("events.delete_lap_time"),
            "row_actions": LapRowForm,
        }
        return TemplateResponse(request, "admin/events/session/live_entry.html", context)

    def _lap_enter(self, request, session, form) -> bool:
        """Add the lap; an error goes next to the field it is about, and nothing is written."""
        data = form.cleaned_data
        try:
            lap = services.lap_add(
                session=session,
                car_number=data["car_number"],
                lap_time=data["lap_time"],
                flag_at_line=data["flag_at_line"],
                crossed_line_in_pit=data["crossed_line_in_pit"],
                user=request.user,
            )
        except NotFound as error:
            form.add_error("car_number", str(error))
            return False
        except ResultsError as error:
            form.add_error(None, str(error))
            return False
        self.message_user(request, str(lap), messages.SUCCESS)
        return True

    def _lap_row_action(self, request, session) -> tuple[int, str] | None:
        """Correct, delete or reinstate a listed lap's time: None when done, else (lap id, why not)."""
        form = LapRowForm(request.POST)
        if not form.is_valid():
            lap_id = form.cleaned_data.get("lap") or 0
            return lap_id, " ".join(str(error) for errors in form.errors.values() for error in errors)
        data = form.cleaned_data
        lap = Lap.objects.filter(session=session, pk=data["lap"]).select_related("entry").first()
        if lap is None:
            return data["lap"], "That lap is no longer in this session."
        if data["action"] != LapRowForm.CORRECT and not request.user.has_perm("events.delete_lap_time"):
            raise PermissionDenied
        try:
            if data["action"] == LapRowForm.CORRECT:
                self._lap_correct(request, lap, data)
            elif data["action"] == LapRowForm.DELETE:
                note = data["note"].strip() or "Track limits"
                services.lap_time_delete(lap=lap, note=note, kind=DeletionReason.TRACK_LIMITS, user=request.user)
                self.message_user(request, f"Time of lap {lap.lap_number} of #{lap.entry.number} deleted: {note}")
            else:
                services.lap_time_reinstate(lap=lap, user=request.user)
                self.message_user(request, f"Time of lap {lap.lap_number} of #{lap.entry.number} reinstated.")
        except EditConflict as error:
            (_name, seen, theirs), *_ = error.conflicts
            return lap.pk, (
                f"Changed meanwhile to {format_lap_time(theirs)} (you saw {format_lap_time(seen)}); nothing was saved."
            )
        except ResultsError as error:
            return lap.pk, str(error)
        return None

    def _lap_correct(self, request, lap, data) -> None:
        if data["lap_time"] is None:
            raise InvalidChange("Enter the corrected time, such as 1:30.364.")
        seen = {"lap_time_ms": data["seen"]} if data["seen"] is not None else None
        old = lap.lap_time_display
        services.lap_time_correct(
            lap=lap, lap_time_ms=data["lap_time"], user=request.user, reason=CORRECTED_REASON, seen=seen
        )
        self.message_user(
            request, f"Lap {lap.lap_number} of #{lap.entry.number}: {old} corrected to {lap.lap_time_display}"
        )
