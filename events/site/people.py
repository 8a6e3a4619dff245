"""Public pages of people: a driver's and a team's results in every session."""

from django.shortcuts import redirect, render

from .. import selectors


def driver_detail(request, slug):
    """A driver's results in every session."""
    driver = selectors.driver_get(slug)
    return render(
        request,
        "events/driver.html",
        {
            "driver": driver,
            "rows": selectors.driver_result_rows(driver),
            "championships": selectors.driver_standings(driver),
        },
    )


def team_detail(request, slug):
    """A team's results in every session."""
    team = selectors.team_get(slug)
    return render(request, "events/team.html", {"team": team, "rows": selectors.team_result_rows(team)})


def driver_by_id(request, pk):
    """The old address of a driver's page (``/drivers/12/``): moved for good to its readable one."""
    return redirect("events:driver", slug=selectors.driver_slug(pk), permanent=True)


def team_by_id(request, pk):
    """The old address of a team's page (``/teams/3/``): moved for good to its readable one."""
    return redirect("events:team", slug=selectors.team_slug(pk), permanent=True)
