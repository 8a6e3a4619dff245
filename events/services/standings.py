"""Writes of the editors' decisions the championship standings need: who entered a car,
a round's pole when no session decides it, and how many points a round gives.

Each runs in one transaction, refuses what names nothing or makes no sense with an
error naming the car and the round or season, and leaves a history record with who and
why. The standings follow on their next read: saving or deleting an entrant or a pole
touches the sessions of its season or round (``results.signals``), saving a round
touches its own.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..addresses import CAR_NUMBER, RoundAddress, SeasonAddress
from ..enums import EntrantKind, PointsScale, PointsShare
from ..errors import InvalidChange, NotFound
from ..models import CarClass, Entry, Round, RoundPole, Season, SeasonEntrant

# What ``round_scoring_set`` takes as its scale to go back to the scale of the race's length.
DEFAULT_SCALE = "default"


def _editor(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def _season_path(season: Season) -> str:
    return SeasonAddress(season.championship.slug, season.year).path


def _round_path(round_: Round) -> str:
    season = round_.season
    return RoundAddress(season.championship.slug, season.year, round_.slug).path


def _audited(record, *, user: AbstractBaseUser | None, reason: str) -> None:
    record._history_user = _editor(user)
    record._change_reason = reason


def _because(what: str, reason: str) -> str:
    return f"{what}: {reason}" if reason else what


@transaction.atomic
def entrant_kind_set(
    *, season: Season, car_number: str, kind: str, user: AbstractBaseUser | None, reason: str = ""
) -> SeasonEntrant | None:
    """Make car ``car_number`` a works, private or guest entry in every round of the season,
    those imported later included. Works is what a car with no entrant row is, so setting
    it back removes the row (its history keeps it). Returns the row, None for works."""
    reason = (reason or "").strip()
    if kind not in EntrantKind.values:
        raise InvalidChange(f"“{kind}” is not an entrant kind; use one of {', '.join(EntrantKind.values)}.")
    entered = CAR_NUMBER.match(car_number or "") is not None
    if entered:
        entered = Entry.objects.filter(round__season_id=season.pk, number=car_number).exists()
    if not entered:
        raise NotFound(f"No car #{car_number} is entered in any round of {_season_path(season)}.")
    entrant = SeasonEntrant.objects.select_for_update().filter(season_id=season.pk, car_number=car_number).first()
    change = _because(f"Entrant kind set to {kind}", reason)
    if kind == EntrantKind.WORKS:
        if entrant is not None:
            _audited(entrant, user=user, reason=change)
            entrant.delete()
        return None
    if entrant is None:
        entrant = SeasonEntrant(season=season, car_number=car_number, kind=kind)
    elif entrant.kind == kind:
        return entrant  # already so: nothing to write
    entrant.kind = kind
    _audited(entrant, user=user, reason=change)
    entrant.save()
    return entrant


@transaction.atomic
def round_pole_set(*, round_: Round, entry: Entry, user: AbstractBaseUser | None, reason: str = "") -> RoundPole:
    """Make ``entry`` the pole car of its class in the round, in place of any earlier
    pole the editors set for that class (which stays in the history)."""
    reason = (reason or "").strip()
    if entry.round_id != round_.pk:
        raise InvalidChange(f"Car #{entry.number} is not entered in {_round_path(round_)}.")
    pole = RoundPole.objects.select_for_update().filter(round_id=round_.pk, car_class_id=entry.car_class_id).first()
    if pole is None:
        pole = RoundPole(round=round_, car_class_id=entry.car_class_id)
    pole.entry = entry
    pole.reason = reason
    pole.created_by = _editor(user)
    _audited(pole, user=user, reason=_because(f"Pole set to car #{entry.number}", reason))
    pole.save()
    return pole


@transaction.atomic
def round_pole_clear(
    *, round_: Round, car_class: CarClass, user: AbstractBaseUser | None, reason: str = ""
) -> RoundPole:
    """Remove the pole the editors set for the class in the round (the sessions decide it
    again); the removed pole stays in the history. Returns it, no longer saved."""
    reason = (reason or "").strip()
    pole = (
        RoundPole.objects.select_for_update()
        .select_related("entry")
        .filter(round_id=round_.pk, car_class_id=car_class.pk)
        .first()
    )
    if pole is None:
        raise InvalidChange(f"No pole of class {car_class.code} is set for {_round_path(round_)}.")
    _audited(pole, user=user, reason=_because("Pole removed", reason))
    pole.delete()
    return pole


@transaction.atomic
def round_scoring_set(
    *,
    round_: Round,
    scale: str | None = None,
    share: str | None = None,
    user: AbstractBaseUser | None,
    reason: str = "",
) -> Round:
    """Set the round's points scale (``"default"``: from the race's length) and its share of
    the points (full, half, none); None leaves one as it is."""
    reason = (reason or "").strip()
    if scale is None and share is None:
        raise InvalidChange(f"Give a points scale or a share of the points for {_round_path(round_)}.")
    if scale is not None and scale != DEFAULT_SCALE and scale not in PointsScale.values:
        raise InvalidChange(
            f"“{scale}” is not a points scale; use one of {', '.join(PointsScale.values)}, or {DEFAULT_SCALE}."
        )
    if share is not None and share not in PointsShare.values:
        raise InvalidChange(f"“{share}” is not a share of the points; use one of {', '.join(PointsShare.values)}.")
    locked = Round.objects.select_for_update(of=("self",)).select_related("season__championship").get(pk=round_.pk)
    if scale is not None:
        locked.points_scale = "" if scale == DEFAULT_SCALE else scale
    if share is not None:
        locked.points_share = share
    parts = [f"scale {locked.points_scale or DEFAULT_SCALE}", f"{locked.points_share} points"]
    _audited(locked, user=user, reason=_because(f"Scoring set to {', '.join(parts)}", reason))
    locked.save(update_fields=["points_scale", "points_share"])
    return locked
