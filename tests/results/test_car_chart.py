"""One car's laps read for the car page's charts: one query, each lap's driver, pit and flag as stored."""

from events import selectors
from events.core.charts import CarLap, DriverBest, Stint
from events.models import Driver


def test_a_car_laps_in_one_query_with_drivers_pits_and_flags(session, seven_with_stints, django_assert_num_queries):
    conway, obrien = (str(Driver.objects.get(last_name=name).pk) for name in ("Conway", "O'Brien <b>"))
    with django_assert_num_queries(1):
        series = selectors.entry_lap_series(session=session, entry=seven_with_stints)
    assert series.number == "7"
    assert series.laps == (
        CarLap(1, 91_200, conway, deleted=False, pit_in=False, pit_out=False, flag=""),
        CarLap(2, 90_573, conway, deleted=False, pit_in=True, pit_out=False, flag="SF"),
        CarLap(3, 90_640, obrien, deleted=True, pit_in=False, pit_out=True, flag=""),
        CarLap(4, 92_000, "", deleted=False, pit_in=False, pit_out=False, flag="GF"),
    )
    assert series.stints == (
        Stint(conway, 1, 2, 2, 90_573, 2, pit_in=True),
        Stint(obrien, 3, 3, 1, None, None, pit_in=False),
        Stint("", 4, 4, 1, 92_000, 4, pit_in=False),
    )
    assert series.drivers == (
        DriverBest(conway, "Mike Conway", 90_573, 2),
        DriverBest(obrien, "Jack O'Brien <b>", None, None),
        DriverBest("", "", 92_000, 4),
    )
