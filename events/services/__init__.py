"""Writes: every change to results goes through here, from the admin, commands, the API and imports.

Services are named ``<entity>_<action>`` and take keyword-only, typed arguments. Each
runs in one transaction, locks the rows it changes, refuses changes that make no sense
with an error naming the lap or car, and leaves a history record that says who changed
what, when and why (django-simple-history keeps the old values).

- ``edits``: write an editor's change to any record, only the fields they changed,
  refused when someone else changed one of them meanwhile.
- ``laps``: add a lap by hand (the live entry screen); delete, reinstate and correct lap
  times; remove a lap an editor added.
- ``penalties``: give and withdraw penalties (time, grid places, laps deducted ...).
- ``overrides``: set and clear an editor's status of a car in a session.
- ``sessions``: a session's life (scheduled, live, provisional, final), set by an editor,
  and live from its first lap.
- ``feed``: the live feed's batches of timing rows into a session (``session_feed``).
- ``standings``: the standings' decisions: a car's entrant kind for a season, a
  round's pole of a class, a round's points scale and share.
- ``tokens``: issue and revoke the API tokens a timing system feeds laps with.
- ``session_results_touch`` (from ``events.results.versions``): for bulk writers that
  bypass the model signals, to say which sessions' results they changed.
"""

from ..results.versions import session_results_touch
from .edits import record_locked, record_update
from .feed import FeedCounts, SessionFinal, session_feed
from .laps import (
    lap_add,
    lap_remove,
    lap_time_correct,
    lap_time_delete,
    lap_time_reinstate,
    lap_times_delete,
    lap_times_reinstate,
)
from .overrides import status_override_clear, status_override_set
from .penalties import penalty_apply, penalty_revoke, penalty_validate
from .sessions import session_live_mark, session_status_set
from .standings import entrant_kind_set, round_pole_clear, round_pole_set, round_scoring_set
from .tokens import api_token_issue, api_token_revoke

__all__ = [
    "FeedCounts",
    "SessionFinal",
    "api_token_issue",
    "api_token_revoke",
    "entrant_kind_set",
    "lap_add",
    "lap_remove",
    "lap_time_correct",
    "lap_time_delete",
    "lap_time_reinstate",
    "lap_times_delete",
    "lap_times_reinstate",
    "penalty_apply",
    "penalty_revoke",
    "penalty_validate",
    "record_locked",
    "record_update",
    "round_pole_clear",
    "round_pole_set",
    "round_scoring_set",
    "session_live_mark",
    "session_feed",
    "session_results_touch",
    "session_status_set",
    "status_override_clear",
    "status_override_set",
]
