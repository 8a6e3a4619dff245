"""Adding a lap by hand (the live entry screen): its number, time, elapsed time, history,
refusals that write nothing, and a scheduled session made live."""

import pytest

from events import services
from events.errors import InvalidChange, NotFound
from events.models import Lap, Session


def laps_of(session, number):
    return list(
        Lap.objects.filter(session=session, entry__number=number)
        .order_by("lap_number")
        .values_list("lap_number", "lap_time_ms", "elapsed_ms", "flag_at_line", "crossed_line_in_pit")
    )


def test_a_lap_follows_the_cars_last_one(session, editor):
    lap = services.lap_add(session=session, car_number="7", lap_time="1:30.364", user=editor)

    assert (lap.lap_number, lap.lap_time_ms, lap.elapsed_ms) == (4, 90_364, 91_200 + 90_573 + 90_640 + 90_364)
    assert laps_of(session, "7")[-1] == (4, 90_364, 362_777, "", False)
    record = lap.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        editor,
        "Lap entered by hand",
    )


def test_a_flag_an_in_lap_and_other_ways_to_write_the_time(session, editor):
    services.lap_add(session=session, car_number="#91", lap_time="1'38.5", user=editor, flag_at_line="FCY")
    services.lap_add(
        session=session, car_number=" 91 ", lap_time=99_000, user=editor, flag_at_line="SF", crossed_line_in_pit=True
    )

    assert laps_of(session, "91")[3:] == [
        (4, 98_500, 295_422 + 98_500, "FCY", False),
        (5, 99_000, 295_422 + 98_500 + 99_000, "SF", True),
    ]


def test_the_first_lap_of_a_car_and_an_unknown_elapsed_time(session, editor):
    Lap.objects.filter(session=session, entry__number="7").delete()
    first = services.lap_add(session=session, car_number="7", lap_time="1:31.200", user=editor)
    Lap.objects.filter(pk=first.pk).update(elapsed_ms=None)
    second = services.lap_add(session=session, car_number="7", lap_time="1:30.000", user=editor)

    assert (first.lap_number, first.elapsed_ms) == (1, 91_200)
    assert (second.lap_number, second.elapsed_ms) == (2, None)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"car_number": "99"}, NotFound, "No car #99 entered in 2021 8 Hours of Portimao."),
        ({"car_number": "  "}, InvalidChange, "Enter a car number."),
        ({"lap_time": "1:3x.364"}, InvalidChange, "“1:3x.364” is not a time; write it like 1:30.364."),
        ({"lap_time": "0.000"}, InvalidChange, "“0.000” is zero; a lap time must be longer than zero."),
        ({"lap_time": 0}, InvalidChange, "A lap time must be a positive number of milliseconds, not 0."),
        (
            {"flag_at_line": "YF"},
            InvalidChange,
            "“YF” is not a flag at the line; use one of GF, SF, FCY, FF, RF.",
        ),
    ],
)
def test_a_refusal_names_what_is_wrong_and_writes_nothing(session, editor, changes, error, message):
    session.status = "scheduled"
    session.save()
    before = (Lap.objects.count(), Lap.history.count(), Session.objects.get(pk=session.pk).results_version)
    arguments = {"session": session, "car_number": "7", "lap_time": "1:30.364", "user": editor, **changes}

    with pytest.raises(error) as raised:
        services.lap_add(**arguments)

    assert str(raised.value) == message
    after = Session.objects.get(pk=session.pk)
    assert (Lap.objects.count(), Lap.history.count(), after.results_version) == before
    assert after.status == "scheduled"


def test_the_first_lap_makes_a_scheduled_session_live_and_touches_its_results(session, editor):
    session.status = "scheduled"
    session.save()
    version = Session.objects.get(pk=session.pk).results_version

    services.lap_add(session=session, car_number="7", lap_time="1:30.364", user=editor)
    services.lap_add(session=session, car_number="7", lap_time="1:30.100", user=editor)

    stored = Session.objects.get(pk=session.pk)
    assert (session.status, stored.status) == ("live", "live")
    assert stored.results_version > version
    assert [(h.status, h.history_user, h.history_change_reason) for h in stored.history.all()[:2]] == [
        ("live", editor, "Status changed from Scheduled to Live: The first lap came in."),
        ("scheduled", None, None),
    ]


def test_a_provisional_session_stays_provisional(session, editor):
    services.lap_add(session=session, car_number="7", lap_time="1:30.364", user=editor)

    assert Session.objects.get(pk=session.pk).status == "provisional"
