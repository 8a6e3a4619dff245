"""Reads of drivers and teams, and their results."""

from django.db.models import QuerySet

from ..errors import NotFound
from ..models import (
    Driver,
    ResultRow,
    Session,
    Team,
)
from ..results import store


def driver_get(pk: int) -> Driver:
    """The driver with this id."""
    try:
        return Driver.objects.get(pk=pk)
    except Driver.DoesNotExist:
        raise NotFound(f"No driver {pk}.") from None


def driver_result_rows(driver: Driver) -> QuerySet[ResultRow]:
    """The driver's result rows in every session, the latest first; the sessions brought up to date first."""
    store.sessions_bring_up_to_date(Session.objects.filter(round__entries__entry_drivers__driver=driver))
    return (
        ResultRow.objects.filter(entry__entry_drivers__driver=driver)
        .select_related("session__round__season__championship", "entry__team", "entry__car_class")
        .order_by("-session__round__season__year", "-session__round__order", "session__start", "session__pk")
    )


def team_get(pk: int) -> Team:
    """The team with this id."""
    try:
        return Team.objects.get(pk=pk)
    except Team.DoesNotExist:
        raise NotFound(f"No team {pk}.") from None


def team_result_rows(team: Team) -> QuerySet[ResultRow]:
    """The team's result rows in every session, the latest first; the sessions brought up to date first."""
    store.sessions_bring_up_to_date(Session.objects.filter(round__entries__team=team))
    return (
        ResultRow.objects.filter(entry__team=team)
        .select_related("session__round__season__championship", "entry__car_class")
        .order_by("-session__round__season__year", "-session__round__order", "session__start", "entry__number")
    )
