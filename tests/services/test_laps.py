"""Deleting, reinstating and correcting lap times: state, history and refusals."""

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.errors import InvalidChange
from events.models import Entry, Lap, Round
from tests.helpers import lap_of


def lap_state(lap):
    lap = Lap.objects.get(pk=lap.pk)
    return (
        lap.lap_time_ms,
        lap.is_time_deleted,
        lap.deletion_reason,
        lap.deletion_note,
        lap.deleted_by_id,
        lap.history.count(),
    )


def test_lap_time_delete_flags_the_time_and_keeps_the_lap(session, editor):
    lap = lap_of(session, "91", 3)
    services.lap_time_delete(lap=lap, note="Track limits at turn 5", user=editor)
    lap.refresh_from_db()
    assert (lap.lap_time_ms, lap.is_time_deleted, lap.deletion_reason, lap.deletion_note, lap.deleted_by) == (
        98127,
        True,
        "track_limits",
        "Track limits at turn 5",
        editor,
    )
    assert lap.deleted_at is not None
    assert list(
        Lap.objects.filter(session=session)
        .valid_times()
        .filter(entry__number="91")
        .values_list("lap_number", flat=True)
    ) == [1, 2]
    record = lap.history.first()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Time deleted (track limits): Track limits at turn 5",
    )
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field in {"is_time_deleted", "deletion_note"}] == [
        ("deletion_note", "", "Track limits at turn 5"),
        ("is_time_deleted", False, True),
    ]


def test_lap_time_delete_needs_a_reason(session, editor):
    lap = lap_of(session, "91", 3)
    before = lap_state(lap)
    with pytest.raises(InvalidChange) as raised:
        services.lap_time_delete(lap=lap, note="  ", user=editor)
    assert (
        str(raised.value) == "Give a reason for deleting the time of lap 3 of car #91 in wec/2021/portimao/qualifying."
    )
    assert lap_state(lap) == before


def test_lap_time_delete_refuses_an_unknown_reason(session, editor):
    lap = lap_of(session, "91", 3)
    with pytest.raises(InvalidChange) as raised:
        services.lap_time_delete(lap=lap, note="x", kind="weather", user=editor)
    assert str(raised.value) == "“weather” is not a kind of deletion; use one of track_limits, other."


def test_lap_time_delete_twice_is_refused(session, editor):
    lap = lap_of(session, "91", 3)
    services.lap_time_delete(lap=lap, note="Track limits", user=editor)
    before = lap_state(lap)
    with pytest.raises(InvalidChange) as raised:
        services.lap_time_delete(lap=lap, note="Again", user=editor)
    assert str(raised.value) == "The time of lap 3 of car #91 in wec/2021/portimao/qualifying is already deleted."
    assert lap_state(lap) == before


def test_lap_time_reinstate_gives_the_time_back_and_history_keeps_the_deletion(session, editor):
    lap = lap_of(session, "91", 3)
    services.lap_time_delete(lap=lap, note="Track limits", user=editor)
    services.lap_time_reinstate(lap=lap, note="Stewards: within limits", user=editor)
    lap.refresh_from_db()
    assert (lap.is_time_deleted, lap.deletion_reason, lap.deletion_note, lap.deleted_by, lap.deleted_at) == (
        False,
        "",
        "",
        None,
        None,
    )
    reasons = list(lap.history.values_list("history_change_reason", flat=True))
    assert reasons == ["Time reinstated: Stewards: within limits", "Time deleted (track limits): Track limits", None]


def test_lap_time_reinstate_of_a_valid_time_is_refused(session, editor):
    lap = lap_of(session, "91", 3)
    before = lap_state(lap)
    with pytest.raises(InvalidChange) as raised:
        services.lap_time_reinstate(lap=lap, user=editor)
    assert str(raised.value) == "The time of lap 3 of car #91 in wec/2021/portimao/qualifying is not deleted."
    assert lap_state(lap) == before


def test_lap_times_delete_is_all_or_nothing(session, editor):
    first, second = lap_of(session, "91", 2), lap_of(session, "91", 3)
    services.lap_time_delete(lap=second, note="Track limits", user=editor)
    with pytest.raises(InvalidChange):
        services.lap_times_delete(laps=[first, second], note="Track limits", user=editor)
    assert Lap.objects.get(pk=first.pk).is_time_deleted is False


def test_lap_time_correct_keeps_old_value_who_and_why(session, editor):
    lap = lap_of(session, "7", 2)
    services.lap_time_correct(lap=lap, lap_time_ms=90364, user=editor, reason="Transponder error")
    lap.refresh_from_db()
    assert lap.lap_time_ms == 90364
    record = lap.history.first()
    assert record.history_user == editor
    assert record.history_change_reason == "Lap time corrected from 1:30.573 to 1:30.364: Transponder error"
    assert [(c.field, c.old, c.new) for c in record.diff_against(record.prev_record).changes] == [
        ("lap_time_ms", 90573, 90364)
    ]


def test_lap_time_correct_without_a_reason_still_names_old_and_new(session, editor):
    lap = lap_of(session, "7", 2)
    services.lap_time_correct(lap=lap, lap_time_ms=90364, user=editor)
    assert lap.history.first().history_change_reason == "Lap time corrected from 1:30.573 to 1:30.364"


@pytest.mark.parametrize("bad", [0, -5, "90364", None])
def test_lap_time_correct_refuses_a_non_positive_time(session, editor, bad):
    lap = lap_of(session, "7", 2)
    before = lap_state(lap)
    with pytest.raises(InvalidChange):
        services.lap_time_correct(lap=lap, lap_time_ms=bad, user=editor)
    assert lap_state(lap) == before


def test_lap_time_correct_to_the_same_time_is_refused(session, editor):
    lap = lap_of(session, "7", 2)
    with pytest.raises(InvalidChange) as raised:
        services.lap_time_correct(lap=lap, lap_time_ms=90573, user=editor)
    assert str(raised.value) == "The time of lap 2 of car #7 in wec/2021/portimao/qualifying is already 1:30.573."


def test_long_reasons_are_kept_whole_in_the_history(session, editor):
    """A 300-character note (the most the form takes) and more fits the history on every database."""
    note = "Track limits at turn 5 — " + "x" * 275
    lap = lap_of(session, "91", 3)
    services.lap_time_delete(lap=lap, note=note, user=editor)
    assert lap.history.first().history_change_reason == f"Time deleted (track limits): {note}"
    services.lap_time_reinstate(lap=lap, note=note, user=editor)
    assert lap.history.first().history_change_reason == f"Time reinstated: {note}"


def test_a_lap_of_a_car_from_another_round_is_refused(session):
    other_round = Round.objects.create(season=session.round.season, order=3, name="Monza", slug="monza")
    stranger = Entry.objects.create(
        round=other_round,
        number="5",
        car_class=Entry.objects.first().car_class,
        team=Entry.objects.first().team,
        car="X",
    )
    lap = Lap(session=session, entry=stranger, lap_number=1, lap_time_ms=90000)
    with pytest.raises(ValidationError) as raised:
        lap.full_clean()
    assert raised.value.message_dict == {"entry": ["Choose a car entered in this session's round."]}
