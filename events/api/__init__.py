"""The public JSON API, version 1, with CSV beside JSON wherever the answer is a table.

Built with django-ninja, which publishes the OpenAPI 3 schema at ``/api/v1/openapi.json``
and a docs page at ``/api/v1/docs`` (Swagger UI, served from our own static files so it
works offline). Every answer is public data: GET responses carry
``Access-Control-Allow-Origin: *`` and may be kept by shared caches; those about one
session are validated by its results version (``ETag``, ``Last-Modified``, ``304``).

One router per topic: ``people`` (drivers and teams), ``calendar`` (championships, seasons, rounds, sessions),
``entries``, ``results`` (starting grid, classification), ``laps``, ``standings``, ``charts``
(lap chart and gaps), ``car_charts`` (a car's lap times and stints) and ``feed`` (live
timing's writes, with an API token); their documents
are in ``schemas``, what they share (path parameters, errors, CSV) in ``params``. What
may write (the live feed) asks for a user's API token (``auth``).
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.docs import Swagger

from ..errors import NotFound
from . import calendar, car_charts, charts, entries, feed, laps, people, results, standings

DESCRIPTION = """
Results of endurance races: championships, seasons, rounds, sessions, entry lists,
classifications, laps and starting grids.

* Times are integer milliseconds (`*_ms`), with the text readers see beside them
  (`1:30.364`, gaps `+0.094`, `1 Lap`).
* A lap whose time was deleted (track limits ...) keeps its row with `time_deleted: true`;
  its time counts for nothing.
* Tables are also offered as CSV (`;`-separated UTF-8 with a byte-order mark, as
  official timing files are). Names and notes that begin with `=`, `+`, `-`, `@`, a tab
  or a carriage return are written with a leading `'`, so spreadsheets do not run them.
* Answers may be cached for 60 s (300 s by shared caches); answers about a session carry
  an `ETag` that changes as soon as an editor changes its results.
"""


class ResultsApi(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Operation ids are published (clients generated from the schema name their
        # methods after them): events_api_<handler>, as when the API was one module,
        # whichever router module the handler now lives in.
        return f"events_api_{operation.view_func.__name__}"


api = ResultsApi(
    title="wecresults API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api",
    # Swagger UI from django-ninja's own static files: no CDN, so the docs work offline
    # and under the site's strict content security policy.
    docs=Swagger(settings={"defaultModelsExpandDepth": 0, "tryItOutEnabled": True}),
)


@api.exception_handler(NotFound)
def not_found(request, error):
    return api.create_response(request, {"detail": str(error)}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorized(request, error):
    """401, saying which scheme to use (RFC 9110): an operation with ``auth`` got no valid token."""
    response = api.create_response(request, {"detail": str(error)}, status=error.status_code)
    response["WWW-Authenticate"] = "Bearer"
    return response


# In this order, so the schema lists the operations as it always has.
api.add_router("", people.router)  # before calendar: "drivers" and "teams" are no championship
api.add_router("", calendar.router)
api.add_router("", entries.router)
api.add_router("", results.router)
api.add_router("", laps.router)
api.add_router("", standings.router)
api.add_router("", charts.router)
api.add_router("", car_charts.router)
api.add_router("", feed.router)
