"""A session's life: an editor moves it to any state, with who and why; a scheduled session goes live
with its first lap. Every move touches its results once (new ETags, pages built afresh)."""

import pytest

from events import services
from events.errors import InvalidChange
from events.models import Session
from events.results.signals import results_signals_suspended


def state(session):
    """Status, results version and the number of history records: what a move changes."""
    session = Session.objects.get(pk=session.pk)
    return session.status, session.results_version, session.history.count()


def test_an_editor_moves_a_session_to_final_with_who_and_why(session, editor):
    status, version, records = state(session)
    assert (status, session.results_updated_at) == ("provisional", None)

    moved = services.session_status_set(
        session=session, status="final", user=editor, note="  Stewards' decisions published "
    )

    assert (moved.status, session.status) == ("final", "final")  # the caller's copy follows
    assert state(session) == ("final", version + 1, records + 1)
    assert Session.objects.get(pk=session.pk).results_updated_at is not None
    latest = session.history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "final",
        editor,
        "Status changed from Provisional to Final: Stewards' decisions published",
    )


def test_every_state_is_reachable_from_every_other_back_as_well_as_forward(session, editor):
    moves = ["scheduled", "live", "provisional", "final", "provisional", "live", "scheduled", "final"]
    version = state(session)[1]
    for status in moves:
        services.session_status_set(session=session, status=status, user=editor)
    assert [h.history_change_reason for h in session.history.all()[: len(moves)]][::-1] == [
        "Status changed from Provisional to Scheduled",
        "Status changed from Scheduled to Live",
        "Status changed from Live to Provisional",
        "Status changed from Provisional to Final",
        "Status changed from Final to Provisional",
        "Status changed from Provisional to Live",
        "Status changed from Live to Scheduled",
        "Status changed from Scheduled to Final",
    ]
    assert state(session)[:2] == ("final", version + len(moves))


def test_a_tool_without_a_user_leaves_no_one_in_the_history(session):
    services.session_status_set(session=session, status="live", user=None, note="Feed started")
    latest = session.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        None,
        "Status changed from Provisional to Live: Feed started",
    )


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("done", "“done” is not a session status; use one of scheduled, live, provisional, final."),
        ("", "“” is not a session status; use one of scheduled, live, provisional, final."),
        ("Final", "“Final” is not a session status; use one of scheduled, live, provisional, final."),
        ("provisional", "wec/2021/portimao/qualifying is already provisional."),
    ],
)
def test_a_status_that_is_not_one_or_not_a_move_is_refused_and_changes_nothing(session, editor, status, message):
    before = state(session)
    with pytest.raises(InvalidChange) as refused:
        services.session_status_set(session=session, status=status, user=editor, note="x")
    assert str(refused.value) == message
    assert state(session) == before


def test_the_results_are_touched_once_even_where_a_caller_suspends_the_signals(session):
    version = state(session)[1]
    with results_signals_suspended():  # as a bulk writer (the feed) may
        services.session_status_set(session=session, status="live", user=None)
    assert state(session)[:2] == ("live", version + 1)


def test_the_first_lap_makes_a_scheduled_session_live_once(session):
    Session.objects.filter(pk=session.pk).update(status="scheduled")
    _, version, records = state(session)

    assert services.session_live_mark(session=session) is True
    assert session.status == "live"
    assert state(session) == ("live", version + 1, records + 1)
    assert (
        session.history.first().history_change_reason == "Status changed from Scheduled to Live: The first lap came in."
    )

    assert services.session_live_mark(session=session) is False  # the next laps change nothing
    assert state(session) == ("live", version + 1, records + 1)


@pytest.mark.parametrize("status", ["provisional", "final"])
def test_a_late_lap_never_undoes_an_editors_provisional_or_final(session, status):
    Session.objects.filter(pk=session.pk).update(status=status)
    before = state(session)
    session.status = "scheduled"  # the feed's stale copy

    assert services.session_live_mark(session=session) is False

    assert state(session) == before
    assert session.status == status
