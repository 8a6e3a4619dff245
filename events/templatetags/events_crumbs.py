"""The breadcrumbs of every public page, one pattern: Championships › season › round › session › car.

Each ancestor is a link; the page itself comes last, as plain text marked ``aria-current="page"``.
A page under one of these (a round's starting grid, a season's standings, a session's charts) or
outside the calendar (a driver, a team, search) names itself with ``here``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse

register = template.Library()


@dataclass(frozen=True, slots=True)
class Crumb:
    label: str
    url: str = ""  # empty for the page itself


def crumbs_trail(*, season=None, round=None, session=None, entry=None, here: str = "") -> list[Crumb]:
    """From the home page down to the page: the deepest of ``season``, ``round``, ``session`` and
    ``entry`` (a car of ``session``) given, its ancestors taken from it, then ``here`` if given."""
    if entry is not None and session is None:
        raise ValueError("A car's crumbs need its session.")
    round = session.round if session is not None else round
    season = round.season if round is not None else season
    trail = [Crumb("Championships", reverse("events:home"))]
    args: list = []  # each level's address is its parent's and one more part
    if season is not None:
        args += [season.championship.slug, season.year]
        trail.append(Crumb(str(season), reverse("events:season", args=args)))
    if round is not None:
        args.append(round.slug)
        trail.append(Crumb(round.name, reverse("events:round", args=args)))
    if session is not None:
        args.append(session.slug)
        trail.append(Crumb(session.name, reverse("events:session", args=args)))
    if entry is not None:
        args.append(entry.number)
        trail.append(Crumb(f"#{entry.number}", reverse("events:car_laps", args=args)))
    if here:
        trail.append(Crumb(here))
    else:
        trail[-1] = Crumb(trail[-1].label)
    return trail


@register.inclusion_tag("events/_crumbs.html")
def crumbs(*, season=None, round=None, session=None, entry=None, here=""):
    """``{% crumbs session=session entry=entry %}``, ``{% crumbs round=round here="Starting grid" %}``."""
    return {"crumbs": crumbs_trail(season=season, round=round, session=session, entry=entry, here=str(here))}
