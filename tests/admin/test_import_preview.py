"""The admin's preview of an upload runs as a job, like the import: the upload answers with
the job's page, which shows the check's progress, then the preview and its confirmation."""

import re
import threading
import time
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.admin.forms import TimingImportForm
from events.importers import jobs, staging
from events.models import Lap
from tests.helpers import login, text_of
from tests.importers.test_loader import database_state

PATH = "wec/2021/portimao/qualifying"
HEADER = (
    b"NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; S1; S1_IMPROVEMENT;"
    b" S2; S2_IMPROVEMENT; S3; S3_IMPROVEMENT; KPH; ELAPSED; HOUR;S1_LARGE;S2_LARGE;S3_LARGE;TOP_SPEED;DRIVER_NAME;"
    b"PIT_TIME;CLASS;GROUP;TEAM;MANUFACTURER;\r\n"
)
LAP_1 = (
    b"36;1;1;1:58.214;0;;36.900;0;45.100;0;36.214;0;141.9;1:58.214;15:26:58.214;0:36.900;0:45.100;0:36.214;;"
    b"Matthieu VAXIVIERE;;HYPERCAR;;Alpine Elf Matmut;Alpine;\r\n"
)
LAP_2 = (
    b"36;1;2;1:30.877;1;;28.100;1;34.600;1;28.177;1;184.8;3:29.091;15:28:29.091;0:28.100;0:34.600;0:28.177;301.2;"
    b"Matthieu VAXIVIERE;;HYPERCAR;;Alpine Elf Matmut;Alpine;\r\n"
)
TWO_LAPS = HEADER + LAP_1 + LAP_2
BAD_TIME = HEADER + LAP_1 + LAP_2.replace(b";1:30.877;", b";1:3x.877;")
PREVIEW_LINES = [
    f"Dry run, nothing written: {PATH} (analysis file)",
    "created: 1 championship, 1 season, 1 round, 1 session, 1 classes, 1 teams, 1 drivers",
    "entries created: 1",
    "laps created: 2, updated: 0, unchanged: 0",
    "conflicts kept: 0",
]


def upload(client, data=TWO_LAPS, name="fp.csv", **fields):
    fields.setdefault("session_path", PATH)
    return client.post(reverse("admin:events_session_import"), {**fields, "file": SimpleUploadedFile(name, data)})


def token_of(response) -> str:
    url = response["Location"]
    token = url.removeprefix(reverse("admin:events_session_import")).removesuffix("/")
    assert url == reverse("admin:events_session_import_status", args=[token])
    return token


def job_page_text(client, token) -> str:
    """The visible text of a job's page from its heading on (what the job's page adds to the admin's)."""
    response = client.get(reverse("admin:events_session_import_status", args=[token]))
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index('<h2 id="import-heading">') :])).split())


def job_json(client, token) -> dict:
    return client.get(reverse("admin:events_session_import_status", args=[token]), {"format": "json"}).json()


def test_the_upload_answers_with_the_check_jobs_page_and_writes_nothing(client, editor):
    login(client, editor)
    before = database_state()
    response = upload(client)
    token = token_of(response)
    assert (response.status_code, response.content, len(token), token.isalnum()) == (302, b"", 32, True)
    assert job_json(client, token) == {
        "kind": "preview",
        "state": "done",
        "done": 2,
        "total": 2,
        "lines": PREVIEW_LINES,
        "file_name": "fp.csv",
    }
    assert database_state() == before
    # The upload and its options wait for the confirmation.
    assert staging.staged_upload_read(token) == TWO_LAPS
    assert client.session[f"import-{token}"] == {
        "session_path": PATH,
        "kind": "",
        "championship_name": "",
        "round_name": "",
        "session_name": "",
    }


def test_the_preview_page_shows_the_lines_and_the_confirmation(client, editor):
    login(client, editor)
    token = token_of(upload(client))
    page = client.get(reverse("admin:events_session_import_status", args=[token]))
    html = page.content.decode()
    assert re.search(r'<h2 id="import-heading">(.*?)</h2>', html).group(1) == "Preview of fp.csv"
    assert job_page_text(client, token) == (
        "Preview of fp.csv 2 of 2 lines Nothing has been written yet. This is what the import will do: "
        + " ".join(PREVIEW_LINES)
        + " Cancel Import another file"
    )
    form = re.search(r"<form id=\"import-confirm\"[^>]*>", html).group(0)
    assert form == (
        f'<form id="import-confirm" method="post" action="{reverse("admin:events_session_import")}" data-when-done>'
    )
    assert f'<input type="hidden" name="token" value="{token}">' in html
    assert '<input type="submit" name="confirm" class="default" value="Import">' in html
    assert (" hidden" in html.split('id="import-job"', 1)[1], "<script>" in html, "style=" in html) == (
        False,
        False,
        False,
    )


def test_a_bad_file_fails_its_check_with_the_line_and_writes_nothing(client, editor):
    login(client, editor)
    before = database_state()
    token = token_of(upload(client, BAD_TIME))
    assert job_json(client, token) == {
        "kind": "preview",
        "state": "failed",
        "done": 0,
        "total": 2,
        "lines": ["Nothing was written: line 3: LAP_TIME: “1:3x.877” is not a time; write it like 1:30.364."],
        "file_name": "fp.csv",
    }
    page = client.get(reverse("admin:events_session_import_status", args=[token]))
    assert job_page_text(client, token) == (
        "Check failed 0 of 2 lines "
        "Nothing was written: line 3: LAP_TIME: “1:3x.877” is not a time; write it like 1:30.364. "
        "Import another file"
    )
    assert 'name="confirm"' not in page.content.decode()
    assert database_state() == before
    # Nothing can follow: the upload is gone, and a confirmation forged all the same imports nothing.
    assert staging.staged_upload_read(token) is None
    refused = client.post(reverse("admin:events_session_import"), {"confirm": "Import", "token": token})
    assert "That preview has expired; upload the file again." in text_of(refused)
    assert (job_json(client, token)["kind"], database_state()) == ("preview", before)


def test_a_session_the_file_cannot_go_into_fails_the_check(client, editor, session):
    login(client, editor)
    before = database_state()
    token = token_of(upload(client, kind="race"))
    assert job_json(client, token) == {
        "kind": "preview",
        "state": "failed",
        "done": 0,
        "total": 2,
        "lines": [f"Nothing was written: {PATH} is a qualifying session, not race."],
        "file_name": "fp.csv",
    }
    assert database_state() == before


def test_confirming_the_preview_imports_the_staged_file(client, editor):
    login(client, editor)
    token = token_of(upload(client))
    assert Lap.objects.count() == 0
    response = client.post(reverse("admin:events_session_import"), {"confirm": "Import", "token": token})
    assert (response.status_code, token_of(response)) == (302, token)
    assert job_json(client, token) == {
        "kind": "import",
        "state": "done",
        "done": 2,
        "total": 2,
        "lines": [line.removeprefix("Dry run, nothing written: ") for line in PREVIEW_LINES],
        "file_name": "fp.csv",
    }
    laps = Lap.objects.order_by("lap_number")
    assert [(lap.session.path, lap.entry.number, lap.lap_number, lap.lap_time_ms) for lap in laps] == [
        (PATH, "36", 1, 118214),
        (PATH, "36", 2, 90877),
    ]
    assert [lap.history.get().history_user for lap in laps] == [editor, editor]
    assert job_page_text(client, token) == (
        "Imported 2 of 2 lines "
        + " ".join(line.removeprefix("Dry run, nothing written: ") for line in PREVIEW_LINES)
        + " Import another file"
    )
    assert (staging.staged_upload_read(token), f"import-{token}" in client.session) == (None, False)


def test_the_forms_errors_stay_in_the_request(client, editor, monkeypatch):
    started = []
    monkeypatch.setattr(jobs, "preview_job_start", lambda **job: started.append(job))
    monkeypatch.setattr(TimingImportForm, "MAX_BYTES", len(TWO_LAPS) - 1)
    login(client, editor)
    too_large = upload(client)
    no_session = upload(client, session_path="")
    assert (too_large.status_code, no_session.status_code, started) == (200, 200, [])
    assert "The file is larger than 20 MB; a timing file is a few MB at most." in text_of(too_large)
    assert "Choose a session, or give the path of a new one." in text_of(no_session)


def test_a_job_kept_from_before_jobs_had_kinds_is_an_import(client, editor):
    login(client, editor)
    cache.set("import-job:abc123", {"state": "done", "done": 2, "total": 2, "lines": ["laps created: 2"]})
    assert job_page_text(client, "abc123") == "Imported 2 of 2 lines laps created: 2 Import another file"


@pytest.mark.django_db(transaction=True)
def test_a_check_in_the_background_answers_before_it_has_finished(client, settings, monkeypatch):
    """The dry run waits for the test to let it go, after the upload has been answered: the
    thread reads through its own connection, so this test commits for real."""
    settings.WECRESULTS_IMPORTS_IN_BACKGROUND = True
    go, threads = threading.Event(), []
    real_import = jobs.import_alkamel

    def waiting_import(**arguments):
        threads.append(threading.current_thread())
        assert go.wait(timeout=30), "the test never let the check go on"
        return real_import(**arguments)

    monkeypatch.setattr(jobs, "import_alkamel", waiting_import)
    user = get_user_model().objects.create_user("edith", password="secret-password", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__in=["add_lap", "change_lap", "view_lap"])
    )
    login(client, user)
    before = database_state()
    try:
        token = token_of(upload(client))
        assert job_json(client, token) == {
            "kind": "preview",
            "state": "running",
            "done": 0,
            "total": 2,
            "lines": [],
            "file_name": "fp.csv",
        }
        page = client.get(reverse("admin:events_session_import_status", args=[token]))
        html = page.content.decode()
        assert re.search(r'<h2 id="import-heading">(.*?)</h2>', html).group(1) == "Checking…"
        assert re.search(r"<form id=\"import-confirm\"[^>]*>", html).group(0).endswith(" data-when-done hidden>")
        # A confirmation before the check has finished imports nothing, and the preview can still be confirmed.
        early = client.post(reverse("admin:events_session_import"), {"confirm": "Import", "token": token}, follow=True)
        assert early.redirect_chain == [(reverse("admin:events_session_import_status", args=[token]), 302)]
        assert "That file is still being checked; confirm once its preview shows." in text_of(early)
        assert (job_json(client, token)["kind"], f"import-{token}" in client.session) == ("preview", True)
        [thread] = threads
        assert (thread.name, thread is threading.main_thread(), thread.is_alive()) == (f"preview-{token}", False, True)
    finally:
        go.set()
    thread.join(timeout=30)
    state = job_json(client, token)
    assert (state["kind"], state["state"], state["lines"]) == ("preview", "done", PREVIEW_LINES)
    assert database_state() == before
    client.post(reverse("admin:events_session_import"), {"confirm": "Import", "token": token})
    deadline = time.monotonic() + 30
    while (state := job_json(client, token))["state"] == "running":
        assert time.monotonic() < deadline, "the import did not finish"
        time.sleep(0.05)
    assert (state["kind"], state["state"], Lap.objects.count()) == ("import", "done", 2)


def test_a_preview_whose_job_is_forgotten_has_expired(client, editor):
    """The confirmation imports only what a finished check has shown, even with the upload still staged."""
    login(client, editor)
    token = token_of(upload(client))
    cache.delete(f"import-job:{token}")
    response = client.post(reverse("admin:events_session_import"), {"confirm": "Import", "token": token})
    assert (response.status_code, Lap.objects.count()) == (200, 0)
    assert "That preview has expired; upload the file again." in text_of(response)


def test_another_editor_cannot_confirm_an_upload_that_is_not_theirs(client, editor):
    """The token names the upload; the options to confirm it live in the uploader's own session."""
    login(client, editor)
    token = token_of(upload(client))
    other = get_user_model().objects.create_user("bob", password="secret-password", is_staff=True)
    other.groups.add(*editor.groups.all())
    client.logout()
    login(client, other)
    response = client.post(reverse("admin:events_session_import"), {"confirm": "Import", "token": token})
    assert (response.status_code, Lap.objects.count()) == (200, 0)
    assert "That preview has expired; upload the file again." in text_of(response)
