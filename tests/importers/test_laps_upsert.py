"""The laps upsert on its own, as a live-timing feed would call it: a small batch, then the same batch revised."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.enums import SessionKind
from events.importers.alkamel import ANALYSIS, AnalysisLap, DriverName
from events.importers.laps import laps_upsert
from events.importers.references import RoundReferences
from events.importers.summary import ImportSummary
from events.models import Lap, Session


def lap_of_car_7(lap_number: int, lap_time_ms: int, elapsed_ms: int) -> AnalysisLap:
    return AnalysisLap(
        line=lap_number + 1,
        number="7",
        driver_number=1,
        driver=DriverName("Mike", "Conway"),
        lap_number=lap_number,
        lap_time_ms=lap_time_ms,
        lap_improvement=0,
        crossed_line_in_pit=False,
        sector_1_ms=None,
        sector_2_ms=None,
        sector_3_ms=None,
        top_speed_kph=None,
        elapsed_ms=elapsed_ms,
        time_of_day=None,
        pit_time_ms=None,
        class_code="HYPERCAR",
        group="",
        team="Toyota Gazoo Racing",
        manufacturer="Toyota",
        flag_at_line="GF",
    )


@pytest.fixture
def race(session):
    """A session without laps in the round of the hand-built one, where car #7 is entered."""
    return Session.objects.with_path_parts().get(
        pk=Session.objects.create(round=session.round, kind=SessionKind.RACE, name="Race", slug="race").pk
    )


def test_a_batch_is_created_then_updated_and_an_editors_deletion_survives(race, editor):
    batch = [lap_of_car_7(1, 95000, 95000), lap_of_car_7(2, 94000, 189000)]

    first = laps_upsert(session=race, laps=batch, user=editor)

    assert (first.laps_created, first.laps_updated, first.laps_unchanged) == (2, 0, 0)
    assert (first.entries_created, first.created, first.kept) == (0, {}, [])
    laps = Lap.objects.filter(session=race).order_by("lap_number")
    assert [(lap.entry.number, lap.driver.last_name, lap.lap_time_ms) for lap in laps] == [
        ("7", "Conway", 95000),
        ("7", "Conway", 94000),
    ]
    services.lap_time_delete(lap=laps[0], note="Track limits at turn 5", user=editor)

    revised = [batch[0], replace(batch[1], lap_time_ms=93500)]
    second = laps_upsert(session=race, laps=revised, user=editor)

    assert (second.laps_created, second.laps_updated, second.laps_unchanged) == (0, 1, 1)
    assert second.kept == ["car #7 lap 1: the time stays deleted"]
    first_lap, second_lap = Lap.objects.filter(session=race).order_by("lap_number")
    assert (first_lap.is_time_deleted, first_lap.deletion_note, first_lap.lap_time_ms) == (
        True,
        "Track limits at turn 5",
        95000,
    )
    assert (second_lap.lap_time_ms, second_lap.imported_lap_time_ms) == (93500, 93500)
    assert second_lap.history.first().history_change_reason == "Updated from a revised timing file"


def test_references_of_another_session_are_refused(race, session):
    references = RoundReferences(session, ImportSummary(session_path=session.path, layout=ANALYSIS))
    with pytest.raises(ValueError, match="references"):
        laps_upsert(session=race, laps=[lap_of_car_7(1, 95000, 95000)], references=references)
    assert not Lap.objects.filter(session=race).exists()


def test_flags_the_vocabulary_knows_are_kept_others_left_blank(race):
    batch = [
        replace(lap_of_car_7(1, 95000, 95000), flag_at_line="FCY"),
        replace(lap_of_car_7(2, 94000, 189000), flag_at_line="YF"),
    ]
    laps_upsert(session=race, laps=batch)
    assert list(Lap.objects.filter(session=race).order_by("lap_number").values_list("flag_at_line", flat=True)) == [
        "FCY",
        "",
    ]


def _lap_rows_read(race, batch) -> tuple[int, int]:
    """(queries, rows of the laps table the SELECTs read) of ``laps_upsert`` of ``batch``;
    each SELECT on the laps table is run again, counted, once the upsert is done."""
    with CaptureQueriesContext(connection) as captured:
        laps_upsert(session=race, laps=batch)
    table = connection.ops.quote_name(Lap._meta.db_table)
    rows = 0
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if query["sql"].startswith("SELECT") and f"FROM {table}" in query["sql"]:
                cursor.execute(f"SELECT COUNT(*) FROM ({query['sql']}) AS read_rows")  # noqa: S608  (test SQL)
                rows += cursor.fetchone()[0]
    return len(captured), rows


def test_a_batch_costs_the_same_however_many_laps_the_session_has(race):
    def batch(first):
        return [lap_of_car_7(n, 95000, n * 95000) for n in range(first, first + 3)]

    laps_upsert(session=race, laps=batch(1001))  # the driver, line-up ... are there from now on
    few = _lap_rows_read(race, batch(1101))
    laps_upsert(session=race, laps=[lap_of_car_7(n, 95000, n * 95000) for n in range(1, 301)])
    many = _lap_rows_read(race, batch(1201))

    assert Lap.objects.filter(session=race).count() == 309
    # Counted after the upsert, the look-up of the batch's laps finds its 3 new ones, and the
    # read-back of their keys (where the database does not return them on insert, as
    # PostgreSQL does) the same 3: nothing of the session's 300 other laps.
    assert few == many
    assert few[1] in (3, 6)
