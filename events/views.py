"""Public pages."""

from django.db.models import Prefetch
from django.shortcuts import render

from .models import Championship, Round, Season, Session


def home(request):
    """Championships, their seasons, rounds and sessions."""
    sessions = Session.objects.order_by("start", "pk")
    rounds = Round.objects.select_related("circuit").prefetch_related(Prefetch("sessions", queryset=sessions))
    seasons = Season.objects.order_by("-year").prefetch_related(Prefetch("rounds", queryset=rounds))
    championships = Championship.objects.prefetch_related(Prefetch("seasons", queryset=seasons))
    return render(request, "events/home.html", {"championships": championships})
