"""The live feed: a timing system posts batches of Al Kamel analysis rows (a header line and
any number of rows, ``Content-Type: text/csv``) to a session with a user's API token.

Everything is done by ``services.session_feed`` (the same code as a file import: the whole
batch checked before one transaction writes it); this face adds the token (401, 403), the
body's size limit (413), a per-token rate limit (429 with ``Retry-After``: django-ninja's
throttling, counted in the default cache, shared by every process with Redis), and turns a
bad batch into 400 naming its first bad line (409 while another import or batch writes into
the season: PostgreSQL's lock says so at once; the timing system sends it again; 409 too
for a final session, which takes no more batches).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from ninja import Query, Router, Status
from ninja.throttling import SimpleRateThrottle

from .. import services
from ..addresses import SessionAddress
from ..enums import SessionKind
from ..errors import InvalidChange
from ..importers.alkamel import AlkamelError
from ..importers.references import ImportBusy
from ..models.token import token_digest
from . import schemas
from .auth import FEED_AUTH_ERRORS, FeedTokenAuth
from .params import CHAMPIONSHIP, ROUND, SESSION, YEAR

router = Router(tags=["feed"])

# ``warm-up`` as the contract writes it, ``warmup`` as the vocabulary does.
KIND_ALIASES = {"warm-up": SessionKind.WARMUP}
CSV_BODY = {
    "requestBody": {
        "required": True,
        "description": "An Al Kamel analysis header line and any number of rows (`;`-separated, UTF-8).",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


class FeedTokenThrottle(SimpleRateThrottle):
    """Batches a token may send (``WECRESULTS_FEED_RATE``, e.g. ``120/m``), counted per token's digest."""

    scope = "feed"

    def __init__(self):
        super().__init__(settings.WECRESULTS_FEED_RATE)

    def allow_request(self, request) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.WECRESULTS_FEED_RATE)  # as set now
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return self.cache_format % {"scope": self.scope, "ident": token_digest(token)}


@router.post(
    "/{championship}/{year}/{round}/{session}/feed",
    auth=FeedTokenAuth(),
    throttle=[FeedTokenThrottle()],
    response={
        200: schemas.FeedOut,
        400: schemas.ErrorOut,
        **FEED_AUTH_ERRORS,
        404: schemas.ErrorOut,
        409: schemas.ErrorOut,
        413: schemas.ErrorOut,
        422: schemas.InvalidRequestOut,
        429: schemas.ErrorOut,
    },
    url_name="feed",
    summary="Feed laps (live timing)",
    openapi_extra=CSV_BODY,
)
def feed(
    request,
    championship: str = CHAMPIONSHIP,
    year: int = YEAR,
    round: str = ROUND,
    session: str = SESSION,
    kind: str | None = Query(
        None, description="race, qualifying, hyperpole, practice or warm-up: only to create the session"
    ),
    round_name: str | None = Query(None, description="The round's name: only to create the session (and round)"),
):
    """Append a batch of laps to a session (creating it, with its round, when `kind` and
    `round_name` are given). Batches may overlap and come out of order: a lap already stored
    as the batch gives it is not written again, a changed one is updated (its history says
    it came from the feed), and editors' deletions and corrections are kept. The first laps
    of a scheduled session make it live; a provisional one takes late rows and stays
    provisional; a final one refuses the batch (409). A bad row is a 400 naming its line,
    and nothing of the batch is written."""
    limit = settings.WECRESULTS_FEED_MAX_BYTES
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        return Status(413, {"detail": f"The batch is larger than {limit:,} bytes: send it in smaller batches."})
    address = SessionAddress.from_kwargs(championship=championship, year=year, round=round, session=session)
    try:
        counts = services.session_feed(
            address=address,
            text=request.body,
            user=request.auth,
            kind=KIND_ALIASES.get(kind, kind) if kind else None,
            round_name=round_name,
        )
    except (ImportBusy, services.SessionFinal) as error:  # another batch this very moment; results published
        return Status(409, {"detail": str(error)})
    except (AlkamelError, InvalidChange) as error:
        return Status(400, {"detail": str(error)})
    return Status(
        200,
        {
            "session": counts.session.path,
            "status": counts.session.status,
            "rows": counts.rows,
            "laps_created": counts.laps_created,
            "laps_updated": counts.laps_updated,
            "laps_unchanged": counts.laps_unchanged,
            "editor_changes_kept": counts.editor_changes_kept,
            "entries_created": counts.entries_created,
            "times_not_counted": counts.times_not_counted,
            "session_created": counts.session_created,
            "went_live": counts.went_live,
            "page_url": reverse("events:session", kwargs=address.url_kwargs()),
        },
    )
