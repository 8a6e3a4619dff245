"""The classification reads from the database only the laps that decide it, and comes out as from every lap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.enums import DeletionReason, QualifyingRule, SessionKind
from events.models import Driver, Entry, EntryDriver, Lap, Season, Session
from events.results import inputs


def every_lap(session):
    """The loader as it was: every lap of the session, and no totals."""
    return list(Lap.objects.filter(session_id=session.pk).values_list(*inputs.LAP_FIELDS)), None


@pytest.fixture
def tricky(session):
    """``session`` (#91 and #7, three laps each) with ties and deletions: #7's best 1:30.573
    set again on lap 5 by a second driver, its last lap deleted, a lap of no driver; #91's
    every time deleted but its first; a car (#36) with no laps."""
    seven = Entry.objects.get(number="7")
    kobayashi = Driver.objects.create(first_name="Kamui", last_name="Kobayashi")
    EntryDriver.objects.create(entry=seven, driver=kobayashi, order=2)
    Lap.objects.create(session=session, entry=seven, lap_number=4, lap_time_ms=91_000, elapsed_ms=363_413)
    Lap.objects.create(
        session=session, entry=seven, driver=kobayashi, lap_number=5, lap_time_ms=90_573, elapsed_ms=453_986
    )
    Lap.objects.create(
        session=session,
        entry=seven,
        driver=kobayashi,
        lap_number=6,
        lap_time_ms=89_000,
        elapsed_ms=542_986,
        is_time_deleted=True,
        deletion_reason=DeletionReason.TRACK_LIMITS,
    )
    Lap.objects.filter(entry__number="91", lap_number__gt=1).update(
        is_time_deleted=True, deletion_reason=DeletionReason.TRACK_LIMITS
    )
    ninety_one = Entry.objects.get(number="91")
    Entry.objects.create(
        round=session.round, number="36", car_class=seven.car_class, team=ninety_one.team, car="Alpine A480"
    )
    return session


@pytest.mark.parametrize(
    "kind,rule",
    [
        (SessionKind.QUALIFYING, QualifyingRule.BEST_LAP),
        (SessionKind.QUALIFYING, QualifyingRule.AVERAGE_TWO_DRIVERS),
        (SessionKind.RACE, QualifyingRule.BEST_LAP),
    ],
)
def test_deciding_laps_classify_as_every_lap_does(tricky, monkeypatch, kind, rule):
    Session.objects.filter(pk=tricky.pk).update(kind=kind)
    Season.objects.filter(pk=tricky.round.season_id).update(qualifying_rule=rule)
    session = Session.objects.select_related("round__season").get(pk=tricky.pk)
    read = inputs.classification_compute(session)
    monkeypatch.setattr(inputs, "_deciding_laps", every_lap)
    assert read == inputs.classification_compute(session)
    assert [(row.number, row.laps, row.best_lap_ms, row.best_lap_number, row.status) for row in read.rows] == (
        [("7", 6, 90_573, 2, "classified"), ("91", 3, 98_893, 1, "retired"), ("36", 0, None, None, "did_not_start")]
        if kind == SessionKind.RACE
        else [
            ("7", 6, 90_573, 2, "classified"),
            ("91", 3, 98_893, 1, "classified"),
            ("36", 0, None, None, "no_time"),
        ]
    )


def test_deciding_laps_are_the_last_and_the_fastest_of_each_car(tricky):
    rows, totals = inputs._deciding_laps(Session.objects.get(pk=tricky.pk))
    seven, ninety_one = Entry.objects.get(number="7").pk, Entry.objects.get(number="91").pk
    # per driver too (a qualifying): Conway's and Kobayashi's 1:30.573, #91's only valid time and its last lap
    assert sorted((row[0], row[1]) for row in rows) == sorted(
        [(seven, 2), (seven, 5), (seven, 6), (ninety_one, 1), (ninety_one, 3)]
    )
    assert {entry_id: (t.count, t.time_sum_ms) for entry_id, t in totals.items()} == {
        seven: (6, 91_200 + 90_573 + 90_640 + 91_000 + 90_573 + 89_000),
        ninety_one: (3, 98_893 + 98_402 + 98_127),
    }


def test_a_race_reads_a_few_rows_whatever_its_laps(tricky):
    """A race's classification fetches its cars' totals and deciding laps, never all its laps."""
    Session.objects.filter(pk=tricky.pk).update(kind=SessionKind.RACE)
    seven = Entry.objects.get(number="7")
    Lap.objects.bulk_create(
        Lap(session=tricky, entry=seven, lap_number=n, lap_time_ms=95_000, elapsed_ms=542_986 + (n - 6) * 95_000)
        for n in range(7, 207)
    )
    race = Session.objects.get(pk=tricky.pk)
    with CaptureQueriesContext(connection) as queries:
        rows, totals = inputs._deciding_laps(race)
    assert len(queries) == 2
    assert sorted(row[1] for row in rows if row[0] == seven.pk) == [2, 5, 206]
    assert totals[seven.pk].count == 206
