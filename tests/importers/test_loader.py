"""Importing Al Kamel files: what is created, idempotence, editors' changes kept, all-or-nothing errors."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, ManagementUtility, call_command
from django.urls import reverse

from events import services
from events.errors import InvalidChange
from events.importers.alkamel import AlkamelError, open_lines, parse_analysis
from events.importers.loader import import_alkamel
from events.models import CarClass, Driver, Entry, Lap, OfficialResult, Session
from events.results.inputs import classification_compute
from tests.helpers import ALKAMEL_FIXTURES, alkamel_fixture, login, text_of

FIXTURES = ALKAMEL_FIXTURES
PATH = "wec/2021/portimao/qualifying"


def database_state():
    """Every row of every model of the app: what an error must leave exactly as it was."""
    state = {}
    for model in apps.get_app_config("events").get_models():
        state[model.__name__] = sorted(map(repr, model.objects.order_by("pk").values_list()))
    return state


def test_import_creates_what_is_missing(db):
    summary = import_alkamel(
        data=alkamel_fixture("analysis-2021-layout.csv"),
        session_path=PATH,
        championship_name="FIA World Endurance Championship",
        round_name="8 Hours of Portimao",
    )
    assert summary.lines() == [
        f"{PATH} (analysis file)",
        "created: 1 championship, 1 season, 1 round, 1 session, 2 classes, 2 teams, 2 drivers",
        "entries created: 2",
        "laps created: 5, updated: 0, unchanged: 0",
        "conflicts kept: 0",
    ]
    session = Session.objects.get()
    assert (session.path, session.kind, session.name, session.round.name) == (
        PATH,
        "qualifying",
        "Qualifying",
        "8 Hours of Portimao",
    )
    assert [(c.code, c.name, c.display_order, c.colour) for c in CarClass.objects.order_by("display_order")] == [
        ("HYPERCAR", "Hypercar", 10, "#d4001a"),
        ("LMP2", "LMP2", 50, "#1f5fbf"),
    ]
    alpine = Entry.objects.get(number="36")
    assert (alpine.team.name, alpine.car_class.code, alpine.manufacturer) == ("Alpine Elf Matmut", "HYPERCAR", "Alpine")
    assert [str(d) for d in alpine.drivers.all()] == ["Matthieu Vaxiviere"]
    pole = Lap.objects.get(entry=alpine, lap_number=3)
    assert (
        pole.lap_time_ms,
        pole.imported_lap_time_ms,
        pole.crossed_line_in_pit,
        pole.pit_time_ms,
        pole.elapsed_ms,
        str(pole.driver),
    ) == (90364, 90364, True, 41250, 299455, "Matthieu Vaxiviere")
    # The file marks the lap as the car's best (LAP_IMPROVEMENT): the history keeps the mark.
    assert pole.history.first().history_change_reason == "Imported from timing file (marked as the car's best lap)"
    first_lap = Lap.objects.get(entry=alpine, lap_number=1)
    assert first_lap.history.first().history_change_reason == "Imported from timing file"


def test_second_import_changes_nothing(db):
    import_alkamel(data=alkamel_fixture("analysis-2021-layout.csv"), session_path=PATH)
    before = database_state()
    summary = import_alkamel(data=alkamel_fixture("analysis-2021-layout.csv"), session_path=PATH)
    assert summary.lines()[1:] == [
        "entries created: 0",
        "laps created: 0, updated: 0, unchanged: 5",
        "conflicts kept: 0",
    ]
    after = database_state()
    # Only the session's results version moves (an import always marks results for a fresh look).
    before.pop("Session"), after.pop("Session")
    assert after == before


def test_revised_file_updates_what_changed(db):
    import_alkamel(data=alkamel_fixture("analysis-2021-layout.csv"), session_path=PATH)
    revised = alkamel_fixture("analysis-2021-layout.csv").replace(b"1:31.164;1;;28.300", b"1:31.100;1;;28.236")
    summary = import_alkamel(data=revised, session_path=PATH)
    assert summary.lines()[2] == "laps created: 0, updated: 1, unchanged: 4"
    lap = Lap.objects.get(entry__number="28", lap_number=2)
    assert (lap.lap_time_ms, lap.imported_lap_time_ms, lap.sector_1_ms) == (91100, 91100, 28236)
    assert lap.history.first().history_change_reason == (
        "Updated from a revised timing file (marked as the car's best lap)"
    )


def test_reimport_keeps_an_editors_deletion_and_correction(db, editor):
    import_alkamel(data=alkamel_fixture("analysis-2021-layout.csv"), session_path=PATH)
    deleted = Lap.objects.get(entry__number="36", lap_number=3)
    services.lap_time_delete(lap=deleted, note="Track limits at turn 5", user=editor)
    corrected = Lap.objects.get(entry__number="28", lap_number=2)
    services.lap_time_correct(lap=corrected, lap_time_ms=91000, user=editor, reason="Loop fault")
    revised = alkamel_fixture("analysis-2021-layout.csv").replace(b"1:31.164;1;;28.300", b"1:31.150;1;;28.300")
    summary = import_alkamel(data=revised, session_path=PATH)
    assert summary.lines()[2:] == [
        "laps created: 0, updated: 1, unchanged: 4",
        "conflicts kept: 2",
        "  kept car #36 lap 3: the time stays deleted",
        "  kept car #28 lap 2: the editor's time 1:31.000 (the file says 1:31.150)",
    ]
    deleted.refresh_from_db()
    corrected.refresh_from_db()
    assert (deleted.is_time_deleted, deleted.deletion_note, deleted.lap_time_ms) == (
        True,
        "Track limits at turn 5",
        90364,
    )
    assert (corrected.lap_time_ms, corrected.imported_lap_time_ms) == (91000, 91150)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("error-bad-time.csv", "line 3: LAP_TIME: “1:3x.877” is not a time; write it like 1:30.364."),
        ("error-missing-column.csv", "line 1: missing column DRIVER_NAME"),
        ("error-no-car-number.csv", "line 4: NUMBER is empty: a lap row needs a car number"),
        ("error-duplicate-lap.csv", "line 4: car #36 lap 2 is already on line 3"),
        ("error-empty.csv", "line 1: the file is empty"),
    ],
)
def test_a_bad_file_changes_nothing(db, name, message):
    import_alkamel(data=alkamel_fixture("analysis-new-layout.csv"), session_path="wec/2026/le-mans/race")
    before = database_state()
    with pytest.raises(AlkamelError) as raised:
        import_alkamel(data=alkamel_fixture(name), session_path=PATH)
    assert str(raised.value) == message
    assert database_state() == before


def test_a_picture_is_refused(db):
    with pytest.raises(AlkamelError) as raised:
        import_alkamel(data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", session_path=PATH)
    assert str(raised.value) == "line 1: this is a binary file, not a CSV timing file"
    assert Session.objects.count() == 0


def test_a_session_of_unknown_kind_needs_kind(db):
    with pytest.raises(InvalidChange) as raised:
        import_alkamel(data=alkamel_fixture("analysis-2021-layout.csv"), session_path="wec/2021/portimao/session-b")
    assert str(raised.value) == (
        "Say which kind of session wec/2021/portimao/session-b is with --kind (practice, qualifying, hyperpole, "
        "warmup or race)."
    )
    assert Session.objects.count() == 0


def test_dry_run_counts_and_writes_nothing(db):
    summary = import_alkamel(data=alkamel_fixture("analysis-2021-layout.csv"), session_path=PATH, dry_run=True)
    assert summary.lines()[0] == f"Dry run, nothing written: {PATH} (analysis file)"
    assert summary.laps_created == 5
    assert (Session.objects.count(), Lap.objects.count(), Driver.objects.count()) == (0, 0, 0)


def test_new_layout_cars_007_and_7_and_groups(client, db):
    import_alkamel(data=alkamel_fixture("analysis-new-layout.csv"), session_path="wec/2026/le-mans/race")
    assert sorted(Entry.objects.values_list("number", "group")) == [("007", "H"), ("23", "P/A"), ("7", "H")]
    assert [str(d) for d in Entry.objects.get(number="7").drivers.order_by("entry_drivers__order")] == [
        "Luc Van Der Berg",
        "Marie-Claire Dubois-Leroy",
    ]
    lap = Lap.objects.get(entry__number="7", lap_number=2)
    assert (lap.flag_at_line, lap.elapsed_ms, lap.crossed_line_in_pit) == ("FCY", 86402300, True)
    rows = client.get("/api/v1/wec/2026/le-mans/race/classification").json()["overall"]
    assert [(r["number"], r["laps"], r["status"]) for r in rows] == [
        ("7", 3, "classified"),
        ("007", 2, "retired"),
        ("23", 1, "retired"),
    ]


def test_classification_file_gives_the_official_rows(client, db):
    import_alkamel(data=alkamel_fixture("classification.csv"), session_path="elms/2014/imola/race")
    assert OfficialResult.objects.count() == 6
    data = client.get("/api/v1/elms/2014/imola/race/classification").json()
    overall = data["overall"]
    assert [(r["overall_position"], r["number"], r["status"]) for r in overall] == [
        (1, "12", "classified"),
        (2, "4", "classified"),
        (3, "71", "classified"),
        (4, "70", "classified"),
        (None, "9", "not_classified"),
        (None, "33", "retired"),
    ]
    assert (overall[1]["gap_to_leader"], overall[1]["gap_to_leader_ms"], overall[2]["gap_to_leader"]) == (
        "+20.885",
        20885,
        "9 Laps",
    )
    assert (overall[0]["total_time_ms"], overall[0]["best_lap"], overall[0]["drivers"]) == (
        14410120,
        "1:35.800",
        ["Jon Eriksen", "Paula Méndez"],
    )
    lmgte = next(c for c in data["classes"] if c["code"] == "LMGTE")["results"]
    assert [(r["class_position"], r["number"], r["gap_to_leader"]) for r in lmgte] == [
        (1, "71", ""),
        (2, "70", "+1:12.400"),
        (None, "9", ""),
    ]
    summary = import_alkamel(data=alkamel_fixture("classification.csv"), session_path="elms/2014/imola/race")
    assert summary.lines()[2] == "result rows created: 0, updated: 0, unchanged: 6"


def test_command_summary_and_errors(db, tmp_path):
    out = StringIO()
    call_command("import_alkamel", str(FIXTURES / "analysis-2021-layout.csv"), "--session", PATH, stdout=out)
    assert out.getvalue().splitlines()[2:4] == ["entries created: 2", "laps created: 5, updated: 0, unchanged: 0"]
    before = database_state()
    with pytest.raises(CommandError) as raised:
        call_command("import_alkamel", str(FIXTURES / "error-bad-time.csv"), "--session", PATH)
    assert str(raised.value) == f"{FIXTURES / 'error-bad-time.csv'}: nothing was imported."
    assert database_state() == before
    with pytest.raises(CommandError) as raised:
        call_command("import_alkamel", str(tmp_path / "missing.csv"), "--session", PATH)
    assert str(raised.value) == f"Cannot read {tmp_path / 'missing.csv'}: No such file or directory."


def test_command_prints_the_line_on_standard_error(db, capsys):
    """As from the shell: the line on standard error, exit status 2 (run in this process, as manage.py would)."""
    with pytest.raises(SystemExit) as raised:
        ManagementUtility(
            ["manage.py", "import_alkamel", str(FIXTURES / "error-duplicate-lap.csv"), "--session", PATH]
        ).execute()
    result = capsys.readouterr()
    assert raised.value.code == 2
    assert result.err.splitlines()[0] == "line 4: car #36 lap 2 is already on line 3"
    assert result.out == ""


SAMPLE_DATA = os.environ.get("WEC_SAMPLE_DATA")
needs_sample_data = pytest.mark.skipif(
    not SAMPLE_DATA, reason="WEC_SAMPLE_DATA is not set: the real Al Kamel files are not available here"
)
SAMPLES = [
    ("wec-2025-cota-6h-race-analysis.csv", "wec/2025/cota/race", 3964),
    ("wec-2024-bahrain-8h-race-analysis.csv", "wec/2024/bahrain/race", 7486),
    ("wec-2026-le-mans-24h-race-analysis.csv", "wec/2026/le-mans/race", 20163),
    ("elms-2014-imola-4h-race-classification.csv", "elms/2014/imola/race", 37),
]


@needs_sample_data
@pytest.mark.sample_data
@pytest.mark.parametrize(("name", "path", "rows"), SAMPLES)
def test_every_sample_file_imports_and_reimports_unchanged(db, name, path, rows):
    data = (Path(SAMPLE_DATA) / name).read_bytes()
    first = import_alkamel(data=data, session_path=path)
    assert first.laps_created + first.rows_created == rows
    second = import_alkamel(data=data, session_path=path)
    assert (second.laps_created, second.laps_updated, second.rows_created, second.rows_updated) == (0, 0, 0, 0)
    assert second.laps_unchanged + second.rows_unchanged == rows


@needs_sample_data
@pytest.mark.sample_data
def test_le_mans_classification_agrees_with_the_files_improvement_markers(db):
    data = (Path(SAMPLE_DATA) / "wec-2026-le-mans-24h-race-analysis.csv").read_bytes()
    import_alkamel(data=data, session_path="wec/2026/le-mans/race")
    laps = list(parse_analysis(open_lines(data)))
    # The file marks one lap per car: its best (2), or the best of the session (3).
    marked = {lap.number: lap for lap in laps if lap.lap_improvement}
    assert len(marked) == 62
    session_best = max(marked.values(), key=lambda lap: lap.lap_improvement)
    result = classification_compute(Session.objects.get(slug="race"))
    assert {row.number: (row.best_lap_ms, row.best_lap_number) for row in result.rows} == {
        number: (lap.lap_time_ms, lap.lap_number) for number, lap in marked.items()
    }
    assert (result.fastest_lap.number, result.fastest_lap.lap_time_ms, result.fastest_lap.lap_number) == (
        session_best.number,
        session_best.lap_time_ms,
        session_best.lap_number,
    )


def test_editor_imports_a_file_in_the_admin_with_a_preview(client, editor):
    login(client, editor)
    url = reverse("admin:events_session_import")
    assert "Import timing file" in text_of(client.get(reverse("admin:events_session_changelist")))
    upload = SimpleUploadedFile("q.csv", alkamel_fixture("analysis-2021-layout.csv"), content_type="text/csv")
    preview = client.post(url, {"session_path": PATH, "file": upload, "round_name": "8 Hours of Portimao"}, follow=True)
    assert preview.redirect_chain == [
        (reverse("admin:events_session_import_status", args=[preview.context["token"]]), 302)
    ]
    page = text_of(preview)
    assert "Preview of q.csv" in page
    assert "Nothing has been written yet." in page
    assert "Dry run, nothing written: wec/2021/portimao/qualifying (analysis file)" in page
    assert "laps created: 5, updated: 0, unchanged: 0" in page
    assert Session.objects.count() == 0
    done = client.post(url, {"confirm": "Import", "token": preview.context["token"]}, follow=True)
    assert "Imported 5 of 5 lines wec/2021/portimao/qualifying (analysis file)" in text_of(done)
    status = client.get(done.request["PATH_INFO"], {"format": "json"}).json()
    assert (status["state"], status["done"], status["lines"][3]) == (
        "done",
        5,
        "laps created: 5, updated: 0, unchanged: 0",
    )
    assert (Session.objects.get().round.name, Lap.objects.count()) == ("8 Hours of Portimao", 5)
    assert Lap.objects.first().history.first().history_user == editor
    again = client.post(url, {"confirm": "Import", "token": preview.context["token"]})
    assert "That preview has expired; upload the file again." in text_of(again)


def test_admin_import_names_the_bad_line_and_writes_nothing(client, editor):
    login(client, editor)
    url = reverse("admin:events_session_import")
    for name, data, message in [
        (
            "bad.csv",
            alkamel_fixture("error-bad-time.csv"),
            "Check failed 0 of 2 lines Nothing was written: "
            "line 3: LAP_TIME: “1:3x.877” is not a time; write it like 1:30.364.",
        ),
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "Check failed 0 of 1 lines Nothing was written: line 1: this is a binary file, not a CSV timing file",
        ),
    ]:
        response = client.post(url, {"session_path": PATH, "file": SimpleUploadedFile(name, data)}, follow=True)
        assert message in text_of(response)
    assert Session.objects.count() == 0


def test_import_page_needs_permission(client, reader):
    login(client, reader)
    assert client.get(reverse("admin:events_session_import")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_background_import_reports_progress_then_the_summary(client, settings):
    """The thread writes through its own connection, so this test commits for real."""
    settings.WECRESULTS_IMPORTS_IN_BACKGROUND = True
    # Just the permissions an import needs, given directly.
    user = get_user_model().objects.create_user("edith", password="secret-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__in=["add_lap", "change_lap", "view_lap"])
    )
    login(client, user)
    url = reverse("admin:events_session_import")
    upload = SimpleUploadedFile("race.csv", alkamel_fixture("analysis-new-layout.csv"))
    preview_url = client.post(url, {"session_path": "wec/2026/le-mans/race", "file": upload})["Location"]
    deadline = time.monotonic() + 60
    while (state := client.get(preview_url, {"format": "json"}).json())["state"] == "running":
        assert time.monotonic() < deadline, "the preview did not finish"
        time.sleep(0.1)
    assert (state["kind"], state["state"], Lap.objects.count()) == ("preview", "done", 0)
    token = preview_url.rstrip("/").rpartition("/")[2]
    response = client.post(url, {"confirm": "Import", "token": token})
    status_url = response["Location"]
    assert status_url == preview_url
    assert 'id="import-progress"' in client.get(status_url).content.decode()
    deadline = time.monotonic() + 60
    while (state := client.get(status_url, {"format": "json"}).json())["state"] == "running":
        assert time.monotonic() < deadline, "the import did not finish"
        time.sleep(0.1)
    assert (state["state"], state["done"], state["total"]) == ("done", 6, 6)
    assert state["lines"][3] == "laps created: 6, updated: 0, unchanged: 0"
    assert Lap.objects.count() == 6


def test_unknown_classes_come_after_the_known_ones(db):
    data = alkamel_fixture("analysis-2021-layout.csv").replace(b";LMP2;", b";GT4 Cup;")
    import_alkamel(data=data, session_path=PATH)
    assert [(c.code, c.display_order) for c in CarClass.objects.order_by("display_order")] == [
        ("HYPERCAR", 10),
        ("GT4 Cup", 1000),
    ]


def test_admin_import_into_an_existing_session_chosen_from_a_list(client, editor, session):
    login(client, editor)
    url = reverse("admin:events_session_import")
    assert f'<option value="{session.pk}">wec/2021/portimao/qualifying</option>' in client.get(url).content.decode()
    upload = SimpleUploadedFile("q.csv", alkamel_fixture("analysis-2021-layout.csv"))
    preview = client.post(url, {"existing_session": session.pk, "file": upload}, follow=True)
    assert "Dry run, nothing written: wec/2021/portimao/qualifying (analysis file)" in text_of(preview)
    response = client.post(url, {"file": SimpleUploadedFile("q.csv", b"x")})
    assert "Choose a session, or give the path of a new one." in text_of(response)
