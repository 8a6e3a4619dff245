"""Editors' decisions that replace a car's computed status in a session."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..enums import ResultStatus


class StatusOverride(models.Model):
    """E.g. did not start, or classified after an appeal; always with a reason."""

    session = models.ForeignKey("events.Session", on_delete=models.PROTECT, related_name="status_overrides")
    entry = models.ForeignKey("events.Entry", on_delete=models.PROTECT, related_name="status_overrides")
    status = models.CharField(max_length=20, choices=ResultStatus.choices)
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "entry"], name="statusoverride_unique_session_entry"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="statusoverride_has_a_reason"),
        ]

    def __str__(self):
        return f"#{self.entry.number}: {self.status}"
