"""Editors' decisions the championship standings need: who entered each car, and poles
decided without a qualifying session."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..enums import EntrantKind


class SeasonEntrant(models.Model):
    """A car number's entrant kind for a whole season, rounds imported later included.

    A car with no such row is a works entry.
    """

    season = models.ForeignKey("events.Season", on_delete=models.CASCADE, related_name="entrants")
    car_number = models.CharField(max_length=10, help_text="As written on the car: 7 and 007 differ.")
    kind = models.CharField(max_length=10, choices=EntrantKind.choices, default=EntrantKind.WORKS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["season", "car_number"]
        verbose_name = "entrant kind"
        constraints = [
            models.UniqueConstraint(fields=["season", "car_number"], name="seasonentrant_unique_season_number"),
        ]

    def __str__(self):
        return f"#{self.car_number}: {self.get_kind_display()}"


class RoundPole(models.Model):
    """The pole car of a class for a round, when no qualifying or Hyperpole session decides it."""

    round = models.ForeignKey("events.Round", on_delete=models.CASCADE, related_name="poles")
    car_class = models.ForeignKey("events.CarClass", on_delete=models.PROTECT, related_name="+", verbose_name="class")
    entry = models.ForeignKey("events.Entry", on_delete=models.PROTECT, related_name="+", verbose_name="car")
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "car_class__display_order"]
        verbose_name = "pole position"
        constraints = [models.UniqueConstraint(fields=["round", "car_class"], name="roundpole_unique_round_class")]

    def __str__(self):
        return f"Pole {self.car_class.code}: #{self.entry.number}"


class SeasonStandings(models.Model):
    """The season's standings as last computed, after each of its rounds: valid while
    ``version`` is the season's results version (any change to a session of the season,
    its entrants, poles or rules makes them stale, and the next read computes them again)."""

    season = models.OneToOneField("events.Season", on_delete=models.CASCADE, related_name="stored_standings")
    version = models.CharField(max_length=100)
    computed_at = models.DateTimeField(auto_now=True)
    tables = models.JSONField(default=dict, help_text="Progressive tables by round key, as the interfaces read them.")

    class Meta:
        verbose_name_plural = "season standings"

    def __str__(self):
        return f"Standings of {self.season} ({self.version})"
