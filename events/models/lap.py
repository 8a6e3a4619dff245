"""Laps of a session, with the editors' deletion of a lap's time."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..core.laptime import format_lap_time
from ..enums import DeletionReason, FlagAtLine
from ..fields import LapTimeField


class LapQuerySet(models.QuerySet):
    def valid_times(self):
        """Laps whose time counts for best laps and qualifying."""
        return self.filter(is_time_deleted=False)


class Lap(models.Model):
    """One lap of one car; a deleted time stays here, flagged, never removed."""

    session = models.ForeignKey("events.Session", on_delete=models.PROTECT, related_name="laps")
    entry = models.ForeignKey("events.Entry", on_delete=models.PROTECT, related_name="laps")
    driver = models.ForeignKey("events.Driver", on_delete=models.PROTECT, related_name="laps", null=True, blank=True)
    lap_number = models.PositiveIntegerField()
    lap_time_ms = LapTimeField("lap time")
    sector_1_ms = LapTimeField("S1", null=True, blank=True)
    sector_2_ms = LapTimeField("S2", null=True, blank=True)
    sector_3_ms = LapTimeField("S3", null=True, blank=True)
    crossed_line_in_pit = models.BooleanField(
        "in-lap", default=False, help_text="The car crossed the line in the pit lane (Al Kamel B)."
    )
    pit_time_ms = LapTimeField("pit time", null=True, blank=True)
    top_speed_kph = models.DecimalField("top speed (km/h)", max_digits=5, decimal_places=1, null=True, blank=True)
    elapsed_ms = models.PositiveBigIntegerField(
        "elapsed (ms)", null=True, blank=True, help_text="Time from the session start to the end of this lap."
    )
    time_of_day = models.TimeField(null=True, blank=True)
    flag_at_line = models.CharField(max_length=3, choices=FlagAtLine.choices, blank=True)

    # The lap time as the timing file last gave it: a different lap_time_ms is an editor's
    # correction, which a later import keeps.
    imported_lap_time_ms = LapTimeField("imported lap time", null=True, blank=True, editable=False)

    is_time_deleted = models.BooleanField("time deleted", default=False)
    deletion_reason = models.CharField(max_length=20, choices=DeletionReason.choices, blank=True)
    deletion_note = models.CharField(max_length=300, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = LapQuerySet.as_manager()

    class Meta:
        ordering = ["session", "entry", "lap_number"]
        permissions = [("delete_lap_time", "Can delete and reinstate lap times")]
        constraints = [
            models.UniqueConstraint(fields=["session", "entry", "lap_number"], name="lap_unique_session_entry_number"),
            models.CheckConstraint(condition=models.Q(lap_number__gte=1), name="lap_number_starts_at_one"),
            models.CheckConstraint(condition=models.Q(lap_time_ms__gt=0), name="lap_time_is_positive"),
            models.CheckConstraint(
                condition=(models.Q(sector_1_ms__isnull=True) | models.Q(sector_1_ms__gt=0))
                & (models.Q(sector_2_ms__isnull=True) | models.Q(sector_2_ms__gt=0))
                & (models.Q(sector_3_ms__isnull=True) | models.Q(sector_3_ms__gt=0)),
                name="lap_sector_times_are_positive",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(is_time_deleted=False, deletion_reason="")
                    | (models.Q(is_time_deleted=True) & ~models.Q(deletion_reason=""))
                ),
                name="lap_deleted_time_has_a_reason",
            ),
        ]
        indexes = [
            # Per car of a session: its best valid time found without reading its laps, and
            # the classification's lap count, time sum and last lap read from the index alone.
            models.Index(
                fields=["session", "entry", "is_time_deleted", "lap_time_ms", "lap_number"],
                name="lap_session_entry_time_idx",
            ),
        ]

    def __str__(self):
        return f"Lap {self.lap_number} of #{self.entry.number}: {self.lap_time_display}"

    def clean(self):
        if self.session_id and self.entry_id and self.entry.round_id != self.session.round_id:
            raise ValidationError({"entry": "Choose a car entered in this session's round."})

    @property
    def lap_time_display(self) -> str:
        return format_lap_time(self.lap_time_ms)
