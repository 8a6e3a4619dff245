"""Classes, teams, drivers and the cars entered in a round."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ..enums import FiaCategory
from .slugs import Slugged

car_number_validator = RegexValidator(r"^[0-9A-Za-z]{1,4}$", "A car number is 1 to 4 letters or digits, e.g. 7 or 007.")
colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Write the colour as #RRGGBB, e.g. #e10600.")


class CarClass(models.Model):
    """A class of a season (HYPERCAR, LMP2, LMGTE Am ...), in its display order."""

    season = models.ForeignKey("events.Season", on_delete=models.PROTECT, related_name="car_classes")
    code = models.CharField(max_length=30, help_text="As official timing names it, e.g. HYPERCAR or LMGTE Am.")
    name = models.CharField(max_length=60)
    display_order = models.PositiveSmallIntegerField(default=0)
    colour = models.CharField(max_length=7, default="#808080", validators=[colour_validator])

    class Meta:
        ordering = ["season", "display_order", "code"]
        verbose_name_plural = "car classes"
        constraints = [
            models.UniqueConstraint(fields=["season", "code"], name="carclass_unique_season_code"),
            # The colour goes into a stylesheet: nothing but #RRGGBB may reach it.
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="carclass_colour_is_hex"
            ),
        ]

    def __str__(self):
        return self.name or self.code


class Team(Slugged):
    """A team entering cars, at ``/teams/<slug>/``."""

    SLUG_WORD = "team"

    name = models.CharField(max_length=200, unique=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def slug_source(self) -> str:
        return self.name


class Driver(Slugged):
    """A driver, with the FIA category that decides Pro/Am line-ups, at ``/drivers/<slug>/``."""

    SLUG_WORD = "driver"

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    nationality = models.CharField(max_length=60, blank=True)
    fia_category = models.CharField("FIA category", max_length=10, choices=FiaCategory.choices, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="driver_name_idx")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def slug_source(self) -> str:
        return self.full_name


class Entry(models.Model):
    """A car entered in a round: its number, class, team and drivers."""

    round = models.ForeignKey("events.Round", on_delete=models.PROTECT, related_name="entries")
    number = models.CharField(
        max_length=4,
        validators=[car_number_validator],
        help_text="As written on the car: 7 and 007 are different cars.",
    )
    car_class = models.ForeignKey(CarClass, on_delete=models.PROTECT, related_name="entries", verbose_name="class")
    group = models.CharField(max_length=20, blank=True, help_text="Sub-class such as Pro/Am (P/A) in LMP2.")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="entries")
    car = models.CharField(max_length=100, help_text="Car model, e.g. Alpine A480.")
    manufacturer = models.CharField(max_length=60, blank=True)
    tyres = models.CharField(max_length=30, blank=True)
    drivers = models.ManyToManyField(Driver, through="EntryDriver", related_name="entries")
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "car_class__display_order", "number"]
        verbose_name_plural = "entries"
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="entry_unique_round_number")]

    def __str__(self):
        return f"#{self.number} {self.team}"

    def clean(self):
        if self.round_id and self.car_class_id and self.car_class.season_id != self.round.season_id:
            raise ValidationError({"car_class": "Choose a class of this round's season."})


class EntryDriver(models.Model):
    """A driver of an entry, in line-up order (1 is the first driver named)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="entry_drivers")
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="entry_drivers")
    order = models.PositiveSmallIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "order"]
        verbose_name = "driver of the entry"
        verbose_name_plural = "drivers of the entry"
        constraints = [
            models.UniqueConstraint(fields=["entry", "driver"], name="entrydriver_unique_entry_driver"),
            models.UniqueConstraint(fields=["entry", "order"], name="entrydriver_unique_entry_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.driver}"
