"""The live feed's batches of Al Kamel rows: laps created once, updated from the feed, editors'
changes kept, any order of batches the same, a bad row refused with nothing written, and a
24-hour race fed minute by minute equal to its file imported whole."""

import os
from collections import defaultdict
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import services
from events.addresses import SessionAddress
from events.enums import DeletionReason, SessionKind, SessionStatus
from events.errors import InvalidChange
from events.importers.alkamel import AlkamelError, open_lines, parse_analysis
from events.importers.loader import import_alkamel
from events.importers.marks import NOT_COUNTED_NOTE
from events.models import Championship, Entry, Lap, ResultRow, Session
from events.results.store import session_classification_refresh
from events.services.feed import WENT_LIVE_REASON
from tests.helpers import lap_of
from tests.importers.test_loader import database_state

RACE = SessionAddress("wec", 2021, "portimao", "race")
HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; S1; S2; S3; "
    "ELAPSED; HOUR; TOP_SPEED; DRIVER_NAME; PIT_TIME; CLASS; GROUP; TEAM; MANUFACTURER; FLAG_AT_FL;\r\n"
)
# Car #7 is entered in the round (the ``session`` fixture); #38 is not. Timing marks #7's lap 2
# as its best (LAP_IMPROVEMENT 2), so its faster lap 3 was not counted; and #38's lap 4, so
# its faster lap 2 was not counted either: the mark comes after the lap it strikes.
ROWS = {
    ("7", 1): "7;1;1;2:21.000;0;;45.000;50.000;46.000;2:21.000;14:02:21.000;301.2;Mike CONWAY;;HYPERCAR;;"
    "Toyota Gazoo Racing;Toyota;GF;",
    ("7", 2): "7;1;2;2:05.500;2;;39.500;45.000;41.000;4:26.500;14:04:26.500;330.0;Mike CONWAY;;HYPERCAR;;"
    "Toyota Gazoo Racing;Toyota;GF;",
    ("7", 3): "7;1;3;2:05.100;0;;39.100;45.000;41.000;6:31.600;14:06:31.600;331.5;Mike CONWAY;;HYPERCAR;;"
    "Toyota Gazoo Racing;Toyota;GF;",
    ("7", 4): "7;2;4;2:40.000;0;B;39.800;45.200;1:15.000;9:11.600;14:09:11.600;329.4;Kamui KOBAYASHI;;HYPERCAR;;"
    "Toyota Gazoo Racing;Toyota;SF;",
    ("38", 1): "38;1;1;2:30.000;0;;48.000;55.000;47.000;2:30.000;14:02:30.000;280.0;Ana MARTINS;;LMP2;P/A;"
    "Northfield Racing;Oreca;GF;",
    ("38", 2): "38;1;2;2:15.000;0;;43.000;50.000;42.000;4:45.000;14:04:45.000;285.5;Ana MARTINS;;LMP2;P/A;"
    "Northfield Racing;Oreca;GF;",
    ("38", 3): "38;1;3;2:16.000;0;;43.500;50.500;42.000;7:01.000;14:07:01.000;284.0;Ana MARTINS;;LMP2;P/A;"
    "Northfield Racing;Oreca;FCY;",
    ("38", 4): "38;1;4;2:15.500;2;;43.200;50.300;42.000;9:16.500;14:09:16.500;286.1;Ana MARTINS;1:02.400;LMP2;P/A;"
    "Northfield Racing;Oreca;GF;",
}
# Everything a lap holds, but its ids and when and by whom its time was deleted.
LAP_FIELDS = [
    "lap_number", "lap_time_ms", "imported_lap_time_ms", "driver__first_name", "driver__last_name", "sector_1_ms",
    "sector_2_ms", "sector_3_ms", "crossed_line_in_pit", "pit_time_ms", "top_speed_kph", "elapsed_ms",
    "time_of_day", "flag_at_line", "is_time_deleted", "deletion_reason", "deletion_note",
]  # fmt: skip


def batch(*laps: int, changed: dict | None = None) -> str:
    """The header and the rows of these lap numbers of both cars, in time order; ``changed``
    replaces a row's text, e.g. {("7", 1): (old, new)}."""
    rows = sorted(
        ((number, lap) for number, lap in ROWS if lap in laps), key=lambda key: ROWS[key].split(";")[9].zfill(9)
    )
    lines = []
    for key in rows:
        text = ROWS[key]
        if changed and key in changed:
            text = text.replace(*changed[key])
        lines.append(text + "\r\n")
    return HEADER + "".join(lines)


@pytest.fixture
def feeder(db):
    return get_user_model().objects.create_user("timing-feed", password="secret-password")


@pytest.fixture
def race(session):
    """A scheduled race, no laps yet, in the round of the hand-built qualifying (where #7 is entered)."""
    return Session.objects.create(
        round=session.round, kind=SessionKind.RACE, name="Race", slug="race", status=SessionStatus.SCHEDULED
    )


def feed(text, user, address=RACE, **options):
    return services.session_feed(address=address, text=text, user=user, **options)


def laps_by_car(session) -> dict[str, list[tuple]]:
    laps = defaultdict(list)
    for number, *values in (
        Lap.objects.filter(session=session)
        .order_by("entry__number", "lap_number")
        .values_list("entry__number", *LAP_FIELDS)
    ):
        laps[number].append(tuple(values))
    return dict(laps)


def counts(result) -> tuple:
    return (result.rows, result.laps_created, result.laps_updated, result.laps_unchanged, result.editor_changes_kept)


def test_the_first_batch_creates_the_laps_and_makes_the_scheduled_session_live(race, feeder):
    version = race.results_version

    result = feed(batch(1, 2), feeder)

    assert counts(result) == (4, 4, 0, 0, 0)
    assert (result.entries_created, result.times_not_counted, result.session_created, result.went_live) == (
        1,
        0,
        False,
        True,
    )
    race.refresh_from_db()
    assert (result.session.pk, race.status, race.results_version) == (race.pk, "live", version + 1)
    went_live = race.history.first()
    assert (went_live.status, went_live.history_user, went_live.history_change_reason) == (
        "live",
        feeder,
        WENT_LIVE_REASON,
    )
    best = lap_of(race, "7", 2)
    assert (best.lap_time_ms, best.imported_lap_time_ms, best.sector_1_ms, best.elapsed_ms, str(best.driver)) == (
        125500,
        125500,
        39500,
        266500,
        "Mike Conway",
    )
    record = best.history.first()
    assert (record.history_user, record.history_change_reason) == (feeder, "Live feed (marked as the car's best lap)")
    assert lap_of(race, "38", 1).history.first().history_change_reason == "Live feed"
    # The car the round lacked is entered from its rows.
    jota = Entry.objects.get(round=race.round, number="38")
    assert (
        jota.car_class.code,
        jota.group,
        jota.team.name,
        jota.manufacturer,
        [str(d) for d in jota.drivers.all()],
    ) == (
        "LMP2",
        "P/A",
        "Northfield Racing",
        "Oreca",
        ["Ana Martins"],
    )


def test_the_same_batch_again_writes_nothing(race, feeder):
    feed(batch(1, 2), feeder)
    race.refresh_from_db()
    before = (race.results_version, Lap.history.count(), Session.history.count())

    with CaptureQueriesContext(connection) as queries:
        result = feed(batch(1, 2), feeder)

    assert counts(result) == (4, 0, 0, 4, 0)
    assert result.went_live is False
    writes = [q["sql"] for q in queries if q["sql"].split(" ", 1)[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    race.refresh_from_db()
    assert (race.results_version, Lap.history.count(), Session.history.count()) == before


def test_an_overlapping_batch_updates_the_lap_it_changes_from_the_feed(race, session, feeder):
    feed(batch(1, 2), feeder)
    versions = {"race": race.results_version + 1, "qualifying": Session.objects.get(pk=session.pk).results_version}

    result = feed(batch(1, 2, 3, changed={("7", 1): ("7;1;1;2:21.000;", "7;1;1;2:20.800;")}), feeder)

    assert counts(result) == (6, 2, 1, 3, 0)
    # Laps only: this session's results changed, not those of the round's other sessions.
    assert dict(Session.objects.filter(round=race.round).values_list("slug", "results_version")) == {
        "race": versions["race"] + 1,
        "qualifying": versions["qualifying"],
    }
    lap = lap_of(race, "7", 1)
    assert (lap.lap_time_ms, lap.imported_lap_time_ms) == (140800, 140800)
    record = lap.history.first()
    assert (record.history_user, record.history_change_reason, record.history_type) == (
        feeder,
        "Updated from the live feed",
        "~",
    )
    assert lap.history.count() == 2


def test_batches_in_any_order_end_the_same(race, feeder):
    in_order = Session.objects.create(round=race.round, kind=SessionKind.RACE, name="In order", slug="in-order")
    at_once = Session.objects.create(round=race.round, kind=SessionKind.RACE, name="At once", slug="at-once")
    feed(batch(3, 4), feeder)
    out_of_order = feed(batch(1, 2), feeder)
    feed(batch(1, 2), feeder, address=in_order.address)
    feed(batch(3, 4), feeder, address=in_order.address)
    feed(batch(1, 2, 3, 4), feeder, address=at_once.address)

    assert laps_by_car(race) == laps_by_car(in_order) == laps_by_car(at_once)
    # Out of order, #7's lap 3 came before the mark on its lap 2, #38's lap 2 after the mark on its
    # lap 4: the second batch strikes both; in order, the second batch strikes #38's lap 2.
    assert out_of_order.times_not_counted == 2
    struck = Lap.objects.filter(session=race, is_time_deleted=True).order_by("entry__number")
    assert [(lap.entry.number, lap.lap_number, lap.deletion_reason, lap.deletion_note) for lap in struck] == [
        ("38", 2, DeletionReason.OTHER, NOT_COUNTED_NOTE),
        ("7", 3, DeletionReason.OTHER, NOT_COUNTED_NOTE),
    ]
    assert struck[0].history.first().history_user == feeder


def test_an_editors_deletion_and_correction_survive_a_batch_that_repeats_the_laps(race, feeder, editor):
    feed(batch(1, 2), feeder)
    services.lap_time_delete(lap=lap_of(race, "7", 1), note="Track limits at turn 5", user=editor)
    services.lap_time_correct(lap=lap_of(race, "38", 1), lap_time_ms=149000, user=editor, reason="Loop fault")

    result = feed(batch(1, 2, 3, changed={("38", 1): ("38;1;1;2:30.000;", "38;1;1;2:29.900;")}), feeder)

    assert counts(result) == (6, 2, 1, 3, 2)
    deleted, corrected = lap_of(race, "7", 1), lap_of(race, "38", 1)
    assert (deleted.is_time_deleted, deleted.deletion_reason, deleted.deletion_note, deleted.deleted_by) == (
        True,
        DeletionReason.TRACK_LIMITS,
        "Track limits at turn 5",
        editor,
    )
    assert (corrected.lap_time_ms, corrected.imported_lap_time_ms) == (149000, 149900)


def test_a_lap_marked_in_a_later_batch_is_written_again_for_its_mark(race, feeder):
    unmarked = ("38;1;4;2:15.500;2;", "38;1;4;2:15.500;0;")
    feed(batch(3, 4, changed={("38", 4): unmarked}), feeder)
    feed(batch(1, 2), feeder)
    assert lap_of(race, "38", 2).is_time_deleted is False  # no mark yet

    result = feed(batch(4), feeder)

    assert (counts(result), result.times_not_counted) == ((2, 0, 1, 1, 0), 1)
    assert lap_of(race, "38", 4).history.first().history_change_reason == (
        "Updated from the live feed (marked as the car's best lap)"
    )
    assert lap_of(race, "38", 2).deletion_note == NOT_COUNTED_NOTE


def test_a_lap_an_editor_reinstated_is_not_struck_again_by_a_later_mark(race, feeder, editor):
    feed(batch(1, 2, 3), feeder)
    struck = lap_of(race, "7", 3)
    services.lap_time_reinstate(lap=struck, user=editor, note="Timing confirmed the lap")
    feed(batch(2, 3, 4), feeder)
    struck.refresh_from_db()
    assert struck.is_time_deleted is False


def test_a_malformed_row_names_its_line_and_nothing_is_written(race, feeder):
    feed(batch(1), feeder)
    before = database_state()
    bad = batch(2, 3, changed={("7", 2): ("2:05.500", "1:3x.364")})
    assert bad.splitlines()[1].startswith("7;1;2;1:3x.364;")

    with pytest.raises(AlkamelError) as raised:
        feed(bad, feeder)

    assert str(raised.value) == "line 2: LAP_TIME: “1:3x.364” is not a time; write it like 1:30.364."
    with pytest.raises(AlkamelError) as raised:
        feed(batch(2, 3, changed={("38", 3): ("1;3;2:16.000", "1;3;2:16.0x0")}), feeder)
    assert str(raised.value) == "line 5: LAP_TIME: “2:16.0x0” is not a time; write it like 1:30.364."
    assert database_state() == before


def test_a_new_car_without_a_class_or_in_another_class_is_refused(race, feeder):
    before = database_state()
    no_class = batch(1, changed={("38", 1): (";LMP2;", ";;")})
    with pytest.raises(AlkamelError) as raised:
        feed(no_class, feeder)
    assert str(raised.value) == "line 3: car #38 has no CLASS"
    other_class = batch(1, changed={("7", 1): (";HYPERCAR;", ";LMP2;")})
    with pytest.raises(AlkamelError) as raised:
        feed(other_class, feeder)
    assert str(raised.value) == "line 2: car #7 is HYPERCAR in this round, but the file says LMP2"
    assert database_state() == before


def test_a_classification_is_not_a_feed_batch(race, feeder):
    with pytest.raises(AlkamelError) as raised:
        feed(
            "POSITION;NUMBER;TEAM;DRIVER_1;CLASS;STATUS;LAPS;\r\n1;7;Toyota;Mike CONWAY;HYPERCAR;Classified;3;\r\n",
            feeder,
        )
    assert str(raised.value) == "line 1: this is a classification file, not a lap-by-lap analysis file"


def test_a_new_session_is_created_live_from_its_kind_and_round_name(feeder):
    spa = SessionAddress("wec", 2026, "spa", "race")

    result = feed(batch(1).encode(), feeder, address=spa, kind="race", round_name="6 Hours of Spa-Francorchamps")

    session = Session.objects.with_path_parts().get(pk=result.session.pk)
    assert (session.path, session.kind, session.name, session.status, session.round.name) == (
        "wec/2026/spa/race",
        "race",
        "Race",
        "live",
        "6 Hours of Spa-Francorchamps",
    )
    assert (result.session_created, result.went_live, result.entries_created, counts(result)) == (
        True,
        True,
        2,
        (2, 2, 0, 0, 0),
    )


def test_a_new_session_needs_its_kind_and_round_name(feeder):
    spa = SessionAddress("wec", 2026, "spa", "race")
    for options, missing in [
        ({}, "kind and round_name"),
        ({"kind": "race"}, "round_name"),
        ({"round_name": "Spa"}, "kind"),
    ]:
        with pytest.raises(InvalidChange) as raised:
            feed(batch(1), feeder, address=spa, **options)
        assert str(raised.value) == (
            f"There is no session wec/2026/spa/race: give {missing} to create it "
            "(kind: practice, qualifying, hyperpole, warmup, race)."
        )
    with pytest.raises(InvalidChange) as raised:
        feed(batch(1), feeder, address=spa, kind="sprint", round_name="Spa")
    assert (
        str(raised.value)
        == "“sprint” is not a kind of session; use one of practice, qualifying, hyperpole, warmup, race."
    )
    assert (Championship.objects.count(), Session.objects.count(), Lap.objects.count()) == (0, 0, 0)


def test_a_session_of_another_kind_is_refused(race, feeder):
    with pytest.raises(InvalidChange) as raised:
        feed(batch(1), feeder, kind="qualifying")
    assert str(raised.value) == "wec/2021/portimao/race is a race session, not qualifying."


SAMPLE_DATA = os.environ.get("WEC_SAMPLE_DATA")
LE_MANS = "wec-2026-le-mans-24h-race-analysis.csv"


SLICE_MS = 3 * 60_000


def time_slices(data: bytes, laps: list) -> list[str]:
    """The file's rows in time order (ELAPSED), in batches of ``SLICE_MS`` of the race, each with the header."""
    lines = data.decode("utf-8-sig").splitlines(keepends=True)
    slices = defaultdict(list)
    for lap in sorted(laps, key=lambda lap: lap.elapsed_ms):
        slices[lap.elapsed_ms // SLICE_MS].append(lines[lap.line - 1])
    return [lines[0] + "".join(rows) for _, rows in sorted(slices.items())]


def result_rows(session) -> dict[str, dict]:
    session_classification_refresh(session=session)
    rows = ResultRow.objects.filter(session=session).values()
    return {
        Entry.objects.get(pk=row["entry_id"]).number: {
            k: v for k, v in row.items() if k not in ("id", "session_id", "entry_id")
        }
        for row in rows
    }


def entries_of(session) -> dict[str, tuple]:
    return {
        entry.number: (
            entry.car_class.code,
            entry.group,
            entry.team.name,
            entry.car,
            entry.manufacturer,
            tuple(entry.entry_drivers.order_by("order").values_list("order", "driver_id")),
        )  # fmt: skip
        for entry in Entry.objects.filter(round=session.round).select_related("car_class", "team")
    }


@pytest.mark.skipif(not SAMPLE_DATA, reason="WEC_SAMPLE_DATA is not set: the real Al Kamel files are not available")
@pytest.mark.sample_data
def test_le_mans_fed_in_slices_of_its_race_is_the_file_imported_whole(db, feeder):
    """Slices of three minutes of ELAPSED (481 batches, about 10 s here) rather than one (1,388
    batches, about 20 s; they end the same too) for the test's speed. Not ten: in slices of ten
    minutes each lap timing did not count comes in the batch of the mark that strikes it; in
    slices of three, in another batch, before or after it (asserted below)."""
    data = (Path(SAMPLE_DATA) / LE_MANS).read_bytes()
    parsed = list(parse_analysis(open_lines(data)))
    imported = import_alkamel(data=data, session_path="wec/2026/le-mans/race")
    live = SessionAddress("wec", 2026, "le-mans-live", "race")
    batches = time_slices(data, parsed)
    totals = defaultdict(int)
    for text in batches:
        result = feed(text, feeder, address=live, kind="race", round_name="24 Hours of Le Mans")
        for name in ("rows", "laps_created", "laps_updated", "laps_unchanged", "times_not_counted", "entries_created"):
            totals[name] += getattr(result, name)
    fed = Session.objects.get(pk=result.session.pk)
    whole = Session.objects.get(round__slug="le-mans", slug="race")
    fed.status = SessionStatus.PROVISIONAL
    fed.save()

    assert len(batches) == 481  # the first three minutes have no lap end, nor one three minutes at 19 h
    assert dict(totals) == {
        "rows": 20163,
        "laps_created": 20163,
        "laps_updated": 0,
        "laps_unchanged": 0,
        "times_not_counted": imported.times_not_counted,
        "entries_created": imported.entries_created,
    }
    slice_of = {(lap.number, lap.lap_number): lap.elapsed_ms // SLICE_MS for lap in parsed}
    mark_of = {lap.number: lap.lap_number for lap in parsed if lap.lap_improvement}
    struck = Lap.objects.filter(session=whole, deletion_note=NOT_COUNTED_NOTE).values_list(
        "entry__number", "lap_number"
    )
    assert sorted((number, lap_number, mark_of[number]) for number, lap_number in struck) == [
        ("343", 288, 287),
        ("343", 289, 287),
        ("83", 313, 314),
    ]
    assert all(slice_of[(number, lap_number)] != slice_of[(number, mark_of[number])] for number, lap_number in struck)
    assert laps_by_car(fed) == laps_by_car(whole)
    assert entries_of(fed) == entries_of(whole)
    fed_rows, whole_rows = result_rows(fed), result_rows(whole)
    assert len(fed_rows) == 62
    assert fed_rows == whole_rows
