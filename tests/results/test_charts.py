"""A session's laps read for the charts: the lap chart per class in class order, with class names."""

from events import selectors
from events.core.charts import CarSeries
from events.models import CarClass, Entry, Lap


def test_lap_chart_of_a_session_per_class_in_class_order(session, django_assert_num_queries):
    # Two Hypercars: add #8 beside the fixture's #7 (laps 91.200, 90.573, 90.640: 91,200 / 181,773 / 272,413).
    hypercar = CarClass.objects.get(code="HYPERCAR")
    seven = Entry.objects.get(number="7")
    eight = Entry.objects.create(round=session.round, number="8", car_class=hypercar, team=seven.team, car="Car")
    for lap_number, elapsed in ((1, 91_300), (2, 181_700)):
        Lap.objects.create(session=session, entry=eight, lap_number=lap_number, lap_time_ms=90_000, elapsed_ms=elapsed)
    with django_assert_num_queries(4):  # the classes, the laps, the pit laps, the laps under caution
        chart = selectors.session_lap_chart(session)
    assert [(item.code, item.name) for item in chart] == [("HYPERCAR", "Hypercar"), ("LMGTE Pro", "LMGTE Pro")]
    assert chart[0].series.cars == (
        CarSeries("7", (1, 2, 1), (0, 73, 0)),
        CarSeries("8", (2, 1, None), (100, 0, None)),
    )
    assert chart[1].series.cars == (CarSeries("91", (1, 1, 1), (0, 0, 0)),)
