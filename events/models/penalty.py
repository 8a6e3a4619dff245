"""Penalties given by the stewards to an entry in a session."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..enums import PenaltyKind
from ..fields import LapTimeField


class PenaltyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Penalty(models.Model):
    """A steward's decision; its effect on the classification is applied by the engine."""

    session = models.ForeignKey("events.Session", on_delete=models.PROTECT, related_name="penalties")
    entry = models.ForeignKey("events.Entry", on_delete=models.PROTECT, related_name="penalties")
    kind = models.CharField(max_length=20, choices=PenaltyKind.choices)
    time_ms = LapTimeField("time added", null=True, blank=True, help_text="For a time penalty, e.g. 30.000.")
    grid_places = models.PositiveSmallIntegerField(null=True, blank=True, help_text="For a grid penalty.")
    laps = models.PositiveSmallIntegerField(
        "laps deducted", null=True, blank=True, help_text="Laps taken off the car's race (its laps stay recorded)."
    )
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = PenaltyQuerySet.as_manager()

    class Meta:
        ordering = ["session", "entry", "created_at"]
        verbose_name_plural = "penalties"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=PenaltyKind.TIME, time_ms__gt=0, grid_places__isnull=True, laps__isnull=True)
                    | models.Q(kind=PenaltyKind.GRID_PLACES, grid_places__gt=0, time_ms__isnull=True, laps__isnull=True)
                    | models.Q(kind=PenaltyKind.LAPS, laps__gt=0, time_ms__isnull=True, grid_places__isnull=True)
                    | models.Q(
                        kind__in=[PenaltyKind.DRIVE_THROUGH, PenaltyKind.DISQUALIFICATION],
                        time_ms__isnull=True,
                        grid_places__isnull=True,
                        laps__isnull=True,
                    )
                ),
                name="penalty_value_fits_its_kind",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="penalty_has_a_reason"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for #{self.entry.number}"
