"""What an import refuses, with the line and nothing written: a file of no rows, a row cut
short, a number too large for its column, a car's class contradicted, a concurrent import."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.errors import InvalidChange
from events.importers import references
from events.importers.alkamel import AlkamelError
from events.importers.loader import import_alkamel
from events.models import Entry, Session
from tests.helpers import alkamel_fixture, login, text_of
from tests.importers.test_loader import database_state

PATH = "wec/2021/portimao/qualifying"
QUALIFYING = alkamel_fixture("analysis-2021-layout.csv")
HEADER_ONLY = QUALIFYING[: QUALIFYING.index(b"\n") + 1]
LAST_ROW = (
    b"28;2;2;1:31.164;1;;28.300;1;34.700;1;28.164;1;183.7;3:32.184;15:28:32.184;0:28.300;0:34.700;0:28.164;287.5;"
)


@pytest.fixture
def imported(db):
    """Another round already in the database: what each refused import must leave as it was."""
    import_alkamel(data=alkamel_fixture("analysis-new-layout.csv"), session_path="wec/2026/le-mans/race")
    return database_state()


def refusal(data: bytes, path: str = PATH) -> str:
    with pytest.raises((AlkamelError, InvalidChange)) as raised:
        import_alkamel(data=data, session_path=path)
    return str(raised.value)


def test_a_header_without_rows_creates_no_session(imported):
    assert refusal(HEADER_ONLY) == "line 1: the file has no rows, only a header line"
    assert refusal(HEADER_ONLY + b"\r\n;;;\r\n", "wec/2026/le-mans/race") == (
        "line 1: the file has no rows, only a header line"
    )
    assert database_state() == imported


def test_the_command_fails_on_a_header_without_rows(imported, tmp_path):
    file = tmp_path / "header.csv"
    file.write_bytes(HEADER_ONLY)
    with pytest.raises(CommandError) as raised:
        call_command("import_alkamel", str(file), "--session", PATH, stdout=StringIO())
    assert (str(raised.value), raised.value.returncode) == (f"{file}: nothing was imported.", 2)
    assert database_state() == imported


def test_a_file_cut_in_its_last_row_is_refused(imported):
    assert QUALIFYING.endswith(LAST_ROW + b"Tom BLOMQVIST;;LMP2;;Jota;Oreca;\r\n")
    cut = QUALIFYING[: QUALIFYING.rindex(b";Jota;") + 3]  # the file ends in the TEAM field
    assert refusal(cut) == "line 6: only 24 fields where the header has 25: the line is cut short"
    assert database_state() == imported


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (LAST_ROW, LAST_ROW.replace(b"28;2;2;", b"28;2;99999999999;"), "line 6: LAP_NUMBER 99999999999 is too large"),
        (LAST_ROW, LAST_ROW.replace(b"28;2;2;", b"28;2147483648;2;"), "line 6: DRIVER_NUMBER 2147483648 is too large"),
        (LAST_ROW, LAST_ROW.replace(b";287.5;", b";10000.0;"), "line 6: TOP_SPEED 10000.0 is too large"),
        (b"28;2;2;1:31.164;", b"28;2;2;999999:31.164;", "line 6: LAP_TIME 999999:31.164 is too large"),
    ],
)
def test_a_number_too_large_for_the_database_is_refused(imported, old, new, message):
    assert refusal(QUALIFYING.replace(old, new)) == message
    assert database_state() == imported


def test_the_admin_preview_names_a_lap_number_too_large(client, editor):
    login(client, editor)
    before = database_state()
    data = QUALIFYING.replace(LAST_ROW, LAST_ROW.replace(b"28;2;2;", b"28;2;99999999999;"))
    upload = SimpleUploadedFile("q.csv", data, content_type="text/csv")
    response = client.post(reverse("admin:events_session_import"), {"session_path": PATH, "file": upload}, follow=True)
    assert (response.status_code, len(response.redirect_chain), response.context["job"]["state"]) == (200, 1, "failed")
    assert "Nothing was written: line 6: LAP_NUMBER 99999999999 is too large" in text_of(response)
    assert database_state() == before


def test_a_class_that_contradicts_the_cars_entry_is_refused(imported):
    import_alkamel(data=QUALIFYING, session_path=PATH)
    before = database_state()
    race = QUALIFYING.replace(b";LMP2;", b";HYPERCAR;")
    assert refusal(race, "wec/2021/portimao/race") == (
        "line 5: car #28 is LMP2 in this round, but the file says HYPERCAR"
    )
    assert database_state() == before
    assert Entry.objects.get(number="28", round__slug="portimao").car_class.code == "LMP2"


def test_a_car_whose_class_changes_within_the_file_is_refused(imported):
    second_lap_in_lmp3 = QUALIFYING.replace(LAST_ROW + b"Tom BLOMQVIST;;LMP2;", LAST_ROW + b"Tom BLOMQVIST;;LMP3;")
    assert refusal(second_lap_in_lmp3) == "line 6: car #28 is LMP2 in this round, but the file says LMP3"
    assert database_state() == imported


def test_a_class_in_another_case_is_the_same_class(imported):
    import_alkamel(data=QUALIFYING, session_path=PATH)
    summary = import_alkamel(data=QUALIFYING.replace(b";LMP2;", b";lmp2;"), session_path=PATH)
    assert summary.lines()[2] == "laps created: 0, updated: 0, unchanged: 5"


def test_a_classification_row_that_contradicts_the_cars_class_is_refused(db):
    rows = alkamel_fixture("classification.csv")
    import_alkamel(data=rows, session_path="elms/2014/imola/race")
    before = database_state()
    changed = rows.replace(b";Zenith P2 - Nissan;D;LMP2;", b";Zenith P2 - Nissan;D;LMP3;", 1)
    assert refusal(changed, "elms/2014/imola/race") == "line 2: car #12 is LMP2 in this round, but the file says LMP3"
    assert database_state() == before


def test_an_import_racing_another_into_the_same_new_session_is_refused(imported, monkeypatch):
    """As if another import created the session between our look and our creation of it: on
    SQLite writers take turns, and PostgreSQL's lock keeps a second import out; this is the
    last guard, the unique constraint, turned into words."""
    import_alkamel(data=QUALIFYING, session_path=PATH)  # the other import, committed first
    before = database_state()
    monkeypatch.setattr(references, "session_find", lambda address: None)
    assert refusal(QUALIFYING) == "Another import into wec/2021 is running; try again when it has finished."
    assert database_state() == before
    assert Session.objects.filter(slug="qualifying").count() == 1


class FakeCursor:
    def __init__(self, taken):
        self.taken, self.executed = taken, []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params):
        self.executed.append((sql, params))

    def fetchone(self):
        return (self.taken,)


class FakePostgres:
    vendor = "postgresql"

    def __init__(self, taken):
        self.cursor_ = FakeCursor(taken)

    def cursor(self):
        return self.cursor_


def test_on_postgresql_a_second_import_into_a_season_is_refused_at_once():
    busy, free = FakePostgres(taken=False), FakePostgres(taken=True)
    with pytest.raises(InvalidChange) as raised:
        references.import_lock_take("wec/2021", db=busy)
    assert str(raised.value) == "Another import into wec/2021 is running; try again when it has finished."
    references.import_lock_take("wec/2021", db=free)
    references.import_lock_take("wec/2022", db=free)
    [(sql, [key])] = busy.cursor_.executed
    (_, [same]), (_, [other]) = free.cursor_.executed
    assert sql == "SELECT pg_try_advisory_xact_lock(%s)"
    assert (key == same, key == other, -(2**63) <= key < 2**63) == (True, False, True)
