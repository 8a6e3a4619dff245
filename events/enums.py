"""Choices shared by models, services and commands (short, stable codes)."""

from django.db import models


class QualifyingRule(models.TextChoices):
    BEST_LAP = "best_lap", "Best lap of the car"
    AVERAGE_TWO_DRIVERS = "average_two_drivers", "Average of two drivers' best laps (2015-2020)"


class FiaCategory(models.TextChoices):
    PLATINUM = "platinum", "Platinum"
    GOLD = "gold", "Gold"
    SILVER = "silver", "Silver"
    BRONZE = "bronze", "Bronze"


class SessionKind(models.TextChoices):
    PRACTICE = "practice", "Practice"
    QUALIFYING = "qualifying", "Qualifying"
    HYPERPOLE = "hyperpole", "Hyperpole"
    WARMUP = "warmup", "Warm-up"
    RACE = "race", "Race"


class SessionStatus(models.TextChoices):
    PROVISIONAL = "provisional", "Provisional"
    FINAL = "final", "Final"


class FlagAtLine(models.TextChoices):
    """The flag shown as the car crossed the line (Al Kamel ``FLAG_AT_FL``)."""

    GREEN = "GF", "Green"
    SAFETY_CAR = "SF", "Safety car"
    FULL_COURSE_YELLOW = "FCY", "Full course yellow"
    FINISH = "FF", "Chequered"
    RED = "RF", "Red"


class DeletionReason(models.TextChoices):
    TRACK_LIMITS = "track_limits", "Track limits"
    OTHER = "other", "Other"


class PenaltyKind(models.TextChoices):
    TIME = "time", "Time added"
    DRIVE_THROUGH = "drive_through", "Drive-through served"
    GRID_PLACES = "grid_places", "Grid places"
    DISQUALIFICATION = "disqualification", "Disqualification"


class ResultStatus(models.TextChoices):
    """A car's status in a classification; the codes are those of events.classification."""

    CLASSIFIED = "classified", "Classified"
    NO_TIME = "no_time", "No time"
    NOT_CLASSIFIED = "not_classified", "Not classified"
    RETIRED = "retired", "Retired"
    DISQUALIFIED = "disqualified", "Disqualified"
    DID_NOT_START = "did_not_start", "Did not start"
