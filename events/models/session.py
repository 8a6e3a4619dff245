"""Sessions of a round: practice, qualifying, Hyperpole, warm-up, race."""

from django.db import models
from simple_history.models import HistoricalRecords

from ..addresses import SessionAddress
from ..core.localtime import LocalTime, local_time
from ..enums import SessionKind, SessionStatus
from ..fields import LapTimeField


class SessionQuerySet(models.QuerySet):
    def with_path_parts(self):
        return self.select_related("round__season__championship", "round__circuit")


class Session(models.Model):
    """A timed session; named in addresses by championship/year/round/session."""

    round = models.ForeignKey("events.Round", on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    name = models.CharField(max_length=100, help_text="As shown to readers, e.g. Qualifying.")
    slug = models.SlugField(max_length=40, help_text="Used in addresses, e.g. qualifying.")
    start = models.DateTimeField(null=True, blank=True)
    duration_ms = LapTimeField("duration", null=True, blank=True, help_text="Scheduled length, e.g. 8:00:00.")
    status = models.CharField(max_length=20, choices=SessionStatus.choices, default=SessionStatus.PROVISIONAL)
    # Bumped whenever anything in the session's results changes; the stored result
    # rows are valid while classified_version equals it.
    results_version = models.PositiveIntegerField(default=1, editable=False)
    classified_version = models.PositiveIntegerField(default=0, editable=False)
    results_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["results_version", "classified_version", "results_updated_at"])

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["round", "start", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "slug"], name="session_unique_round_slug")]

    def __str__(self):
        return f"{self.round} – {self.name}"

    @property
    def address(self) -> SessionAddress:
        """How tools and URLs name the session (load it with ``Session.objects.with_path_parts()``)."""
        season = self.round.season
        return SessionAddress(season.championship.slug, season.year, self.round.slug, self.slug)

    @property
    def path(self) -> str:
        """``wec/2021/portimao/qualifying``: how tools and addresses name the session."""
        return self.address.path

    @property
    def time_zone(self) -> str:
        """The circuit's time zone name; empty when the round has no circuit or the circuit no zone."""
        return self.round.time_zone

    @property
    def start_local(self) -> LocalTime | None:
        """The start as the circuit's clocks showed it (in UTC when the zone is not known)."""
        return local_time(self.start, self.time_zone) if self.start is not None else None
