"""Championships, their seasons, circuits and rounds."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ..core.localtime import UnknownZone, local_time, zone_get
from ..enums import PointsScale, PointsShare, QualifyingRule


def validate_time_zone(name: str) -> None:
    """An IANA time zone name such as Europe/Lisbon."""
    try:
        zone_get(name)
    except UnknownZone as error:
        raise ValidationError(str(error), code="time_zone") from None


class Championship(models.Model):
    """A series such as the FIA World Endurance Championship."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40)
    slug = models.SlugField(max_length=40, unique=True, help_text="Used in addresses, e.g. wec.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Season(models.Model):
    """One year of a championship, with the rules that year used."""

    championship = models.ForeignKey(Championship, on_delete=models.PROTECT, related_name="seasons")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    qualifying_rule = models.CharField(max_length=30, choices=QualifyingRule.choices, default=QualifyingRule.BEST_LAP)
    classification_threshold_percent = models.PositiveSmallIntegerField(
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="A car covering less than this share of the winner's distance is not classified.",
    )
    threshold_of_class_winner = models.BooleanField(
        default=False,
        help_text="Measure the classification threshold against the class winner, not the overall winner.",
    )
    rule_set = models.CharField(
        "points rules",
        max_length=40,
        blank=True,
        help_text="The standings' rule set (events/data/standings); empty: the one in force in the season's year.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["championship", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["championship", "year"], name="season_unique_championship_year"),
            models.CheckConstraint(
                condition=models.Q(classification_threshold_percent__gte=1, classification_threshold_percent__lte=100),
                name="season_threshold_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.championship} {self.year}"


class Circuit(models.Model):
    """A race track in the layout used."""

    name = models.CharField(max_length=200, unique=True)
    country = models.CharField(max_length=100)
    length_m = models.PositiveIntegerField(
        "length (m)", null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty when not known yet."
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="The IANA zone of the circuit's clocks, e.g. Europe/Lisbon; session starts are shown and "
        "entered in it. Empty when not known yet (times are then in UTC).",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(length_m__isnull=True) | models.Q(length_m__gt=0), name="circuit_length_is_positive"
            )
        ]

    def __str__(self):
        return self.name

    def local_time(self, instant):
        """``instant`` as the circuit's clocks showed it (``core.localtime.LocalTime``)."""
        return local_time(instant, self.time_zone)


class Round(models.Model):
    """One event of a season, e.g. the 8 Hours of Portimao."""

    season = models.ForeignKey(Season, on_delete=models.PROTECT, related_name="rounds")
    order = models.PositiveSmallIntegerField(help_text="1 for the first round of the season.")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, help_text="Used in addresses, e.g. portimao.")
    # Empty when a timing import created the round; editors complete it.
    circuit = models.ForeignKey(Circuit, on_delete=models.PROTECT, related_name="rounds", null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    points_scale = models.CharField(
        max_length=10,
        choices=PointsScale.choices,
        blank=True,
        help_text="Empty: from the race's length (20 h or more: Le Mans; 7 h or more: long; else standard).",
    )
    points_share = models.CharField(
        max_length=10,
        choices=PointsShare.choices,
        default=PointsShare.FULL,
        help_text="Half points when the race stopped before 75% of its time; none when it gave no points.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["season", "order"]
        constraints = [
            models.UniqueConstraint(fields=["season", "slug"], name="round_unique_season_slug"),
            models.UniqueConstraint(fields=["season", "order"], name="round_unique_season_order"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="round_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return f"{self.season.year} {self.name}"

    @property
    def time_zone(self) -> str:
        """Its circuit's time zone name; empty when it has no circuit or the circuit no zone."""
        return self.circuit.time_zone if self.circuit is not None else ""
