"""One car's laps read for the car page's charts: one query, each lap's driver, pit and flag as stored."""

from events import selectors
from events.core.charts import CarLap, DriverBest, Stint
from events.enums import DeletionReason
from events.models import Driver, Entry, Lap


def test_a_car_laps_in_one_query_with_drivers_pits_and_flags(session, django_assert_num_queries):
    # #7: Mike Conway's 91.200, 90.573, 90.640; lap 2 its in-lap, lap 3 deleted; then lap 4 by nobody known.
    seven = Entry.objects.get(number="7")
    Lap.objects.filter(entry=seven, lap_number=2).update(crossed_line_in_pit=True, flag_at_line="FCY")
    Lap.objects.filter(entry=seven, lap_number=3).update(
        is_time_deleted=True, deletion_reason=DeletionReason.TRACK_LIMITS
    )
    Lap.objects.create(session=session, entry=seven, lap_number=4, lap_time_ms=92_000, elapsed_ms=364_413)
    conway = str(Driver.objects.get(last_name="Conway").pk)
    with django_assert_num_queries(1):
        series = selectors.entry_lap_series(session=session, entry=seven)
    assert series.number == "7"
    assert series.laps == (
        CarLap(1, 91_200, conway, deleted=False, pit_in=False, pit_out=False, flag=""),
        CarLap(2, 90_573, conway, deleted=False, pit_in=True, pit_out=False, flag="FCY"),
        CarLap(3, 90_640, conway, deleted=True, pit_in=False, pit_out=True, flag=""),
        CarLap(4, 92_000, "", deleted=False, pit_in=False, pit_out=False, flag=""),
    )
    assert series.stints == (
        Stint(conway, 1, 2, 2, 90_573, 2, pit_in=True),
        Stint(conway, 3, 3, 1, None, None, pit_in=False),
        Stint("", 4, 4, 1, 92_000, 4, pit_in=False),
    )
    assert series.drivers == (DriverBest(conway, "Mike Conway", 90_573, 2), DriverBest("", "", 92_000, 4))
