"""Public pages of people: a driver's and a team's results in every session."""

from django.shortcuts import render

from .. import selectors


def driver_detail(request, pk):
    """A driver's results in every session."""
    driver = selectors.driver_get(pk)
    return render(
        request,
        "events/driver.html",
        {
            "driver": driver,
            "rows": selectors.driver_result_rows(driver),
            "championships": selectors.driver_standings(driver),
        },
    )


def team_detail(request, pk):
    """A team's results in every session."""
    team = selectors.team_get(pk)
    return render(request, "events/team.html", {"team": team, "rows": selectors.team_result_rows(team)})
