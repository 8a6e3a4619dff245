"""Classified rows of a session as the engine computed them (or as official files give them)."""

from django.db import models
from simple_history.models import HistoricalRecords

from ..core.numbers import number_sort_key
from ..enums import ResultStatus


class ResultRow(models.Model):
    """One car's line in a session's classification; the pages, JSON and CSV all read these."""

    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="result_rows")
    entry = models.ForeignKey("events.Entry", on_delete=models.CASCADE, related_name="result_rows")
    row_order = models.PositiveIntegerField(help_text="Place in the overall list, positioned or not.")
    overall_position = models.PositiveIntegerField(null=True, blank=True)
    class_position = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ResultStatus.choices)
    status_reason = models.CharField(max_length=300, blank=True)
    laps = models.PositiveIntegerField(default=0)
    best_lap_ms = models.PositiveIntegerField(null=True, blank=True)
    best_lap_number = models.PositiveIntegerField(null=True, blank=True)
    best_lap_driver = models.CharField(max_length=200, blank=True)
    qualifying_time_ms = models.PositiveIntegerField(null=True, blank=True)
    total_time_ms = models.PositiveBigIntegerField(null=True, blank=True)
    penalty_time_ms = models.PositiveIntegerField(default=0)
    gap_to_leader_ms = models.BigIntegerField(null=True, blank=True)
    gap_to_leader_laps = models.PositiveIntegerField(default=0)
    interval_ms = models.BigIntegerField(null=True, blank=True)
    interval_laps = models.PositiveIntegerField(default=0)
    class_gap_to_leader_ms = models.BigIntegerField(null=True, blank=True)
    class_gap_to_leader_laps = models.PositiveIntegerField(default=0)
    class_interval_ms = models.BigIntegerField(null=True, blank=True)
    class_interval_laps = models.PositiveIntegerField(default=0)
    # The line-up as [driver id, first name, last name], copied when the row is computed so that
    # pages need no further query (a change of line-up or name recomputes the rows).
    line_up = models.JSONField(default=list)
    has_fastest_lap = models.BooleanField(default=False)
    has_class_fastest_lap = models.BooleanField(default=False)

    class Meta:
        ordering = ["session", "row_order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "entry"], name="resultrow_unique_session_entry"),
            models.UniqueConstraint(fields=["session", "row_order"], name="resultrow_unique_session_order"),
        ]

    def __str__(self):
        return f"{self.overall_position or '-'} #{self.entry.number}"

    @property
    def number_key(self) -> tuple:
        """Sorts car numbers as people do: 7 before 10, and 7 before 007."""
        return number_sort_key(self.entry.number)

    @property
    def driver_names(self) -> list[str]:
        return [f"{first} {last}".strip() for _, first, last in self.line_up]


class OfficialResult(models.Model):
    """A row of an official classification file, for sessions whose laps we do not have."""

    session = models.ForeignKey("events.Session", on_delete=models.PROTECT, related_name="official_results")
    entry = models.ForeignKey("events.Entry", on_delete=models.PROTECT, related_name="official_results")
    row_order = models.PositiveIntegerField()
    position = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ResultStatus.choices)
    laps = models.PositiveIntegerField(default=0)
    total_time_ms = models.PositiveBigIntegerField(null=True, blank=True)
    gap_first = models.CharField(max_length=20, blank=True)
    gap_previous = models.CharField(max_length=20, blank=True)
    fastest_lap_number = models.PositiveIntegerField(null=True, blank=True)
    fastest_lap_ms = models.PositiveIntegerField(null=True, blank=True)
    fastest_lap_kph = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "row_order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "entry"], name="officialresult_unique_session_entry"),
        ]

    def __str__(self):
        return f"{self.position or '-'} #{self.entry.number} ({self.status})"
