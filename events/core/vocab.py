"""The words of the sport: short, stable codes with the labels people read.

Each code is written once, here. The core compares against these members; the models'
choices (``events.enums``) are built from them, and the JSON carries the codes. A member
is a ``str`` (``ResultStatus.CLASSIFIED == "classified"``), so stored values and
members compare equal.
"""

from enum import StrEnum


class Vocabulary(StrEnum):
    """A code with a label: ``CLASSIFIED = "classified", "Classified"``."""

    label: str

    def __new__(cls, code: str, label: str):
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member


class QualifyingRule(Vocabulary):
    BEST_LAP = "best_lap", "Best lap of the car"
    AVERAGE_TWO_DRIVERS = "average_two_drivers", "Average of two drivers' best laps (2015-2020)"


class FiaCategory(Vocabulary):
    PLATINUM = "platinum", "Platinum"
    GOLD = "gold", "Gold"
    SILVER = "silver", "Silver"
    BRONZE = "bronze", "Bronze"


class SessionKind(Vocabulary):
    """Practice, qualifying, Hyperpole and warm-up rank by best lap; a race by laps and time."""

    PRACTICE = "practice", "Practice"
    QUALIFYING = "qualifying", "Qualifying"
    HYPERPOLE = "hyperpole", "Hyperpole"
    WARMUP = "warmup", "Warm-up"
    RACE = "race", "Race"


class SessionStatus(Vocabulary):
    """A session's life: scheduled, live while laps come in, then provisional and final results."""

    SCHEDULED = "scheduled", "Scheduled"
    LIVE = "live", "Live"
    PROVISIONAL = "provisional", "Provisional"
    FINAL = "final", "Final"


class FlagAtLine(Vocabulary):
    """The flag shown as the car crossed the line (Al Kamel ``FLAG_AT_FL``)."""

    GREEN = "GF", "Green"
    SAFETY_CAR = "SF", "Safety car"
    FULL_COURSE_YELLOW = "FCY", "Full course yellow"
    FINISH = "FF", "Chequered"
    RED = "RF", "Red"


class DeletionReason(Vocabulary):
    TRACK_LIMITS = "track_limits", "Track limits"
    OTHER = "other", "Other"


class PenaltyKind(Vocabulary):
    TIME = "time", "Time added"
    DRIVE_THROUGH = "drive_through", "Drive-through served"
    GRID_PLACES = "grid_places", "Grid places"
    DISQUALIFICATION = "disqualification", "Disqualification"
    LAPS = "laps", "Laps deducted"


class ResultStatus(Vocabulary):
    """A car's status in a classification."""

    CLASSIFIED = "classified", "Classified"
    NO_TIME = "no_time", "No time"
    NOT_CLASSIFIED = "not_classified", "Not classified"
    RETIRED = "retired", "Retired"
    DISQUALIFIED = "disqualified", "Disqualified"
    DID_NOT_START = "did_not_start", "Did not start"


# The statuses that get no position, in the order their rows follow the positioned ones.
UNPOSITIONED_STATUSES = (
    ResultStatus.NOT_CLASSIFIED,
    ResultStatus.RETIRED,
    ResultStatus.DISQUALIFIED,
    ResultStatus.DID_NOT_START,
)


class EntrantKind(Vocabulary):
    """Who entered a car, for the titles it may score in."""

    WORKS = "works", "Works (manufacturer)"
    PRIVATE = "private", "Private"  # invisible for manufacturers' titles
    GUEST = "guest", "Guest (one-off)"  # invisible for every title


class PointsScale(Vocabulary):
    """A round's points scale: by race length, unless an editor says otherwise."""

    STANDARD = "standard", "Standard (up to 6 hours)"
    LONG = "long", "Long (8 h, 10 h, 1812 km, 1000 miles)"
    LE_MANS = "le-mans", "Le Mans (24 hours)"


class PointsShare(Vocabulary):
    """How much of the scale a round gives."""

    FULL = "full", "Full points"
    HALF = "half", "Half points (stopped before 75% of its time)"
    NONE = "none", "No points"
