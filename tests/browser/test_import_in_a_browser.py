"""The admin's import in a real browser (Debian's Chromium through Playwright): the job's page
follows the check of the upload by itself, then shows the preview and its Import button."""

import threading
from pathlib import Path

import pytest

from events.importers import jobs
from events.models import Lap
from tests.admin.test_import_preview import PATH, PREVIEW_LINES, TWO_LAPS
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed (.ci/run installs it)"),
    pytest.mark.django_db(transaction=True),
]


def test_the_job_page_turns_from_checking_to_the_preview_then_imports(
    browser, live_server, editor, settings, monkeypatch
):
    settings.WECRESULTS_IMPORTS_IN_BACKGROUND = True
    go = threading.Event()
    real_import = jobs.import_alkamel

    def waiting_import(**arguments):
        if arguments["dry_run"]:
            assert go.wait(timeout=30), "the test never let the check go on"
        return real_import(**arguments)

    monkeypatch.setattr(jobs, "import_alkamel", waiting_import)
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(f"{live_server.url}/admin/login/?next=/admin/events/session/import/")
        page.fill("#id_username", editor.username)
        page.fill("#id_password", "secret-password")
        page.click("input[type=submit]")
        page.fill("#id_session_path", PATH)
        page.set_input_files("#id_file", files=[{"name": "fp.csv", "mimeType": "text/csv", "buffer": TWO_LAPS}])
        page.click("input[value=Preview]")
        heading, confirm = page.locator("#import-heading"), page.locator("#import-confirm")
        assert (heading.inner_text(), confirm.is_visible()) == ("Checking…", False)
        go.set()
        page.locator("#import-job[data-state=done]").wait_for(timeout=15000)
        assert (heading.inner_text(), confirm.is_visible()) == ("Preview of fp.csv", True)
        assert page.locator("#import-summary").inner_text().splitlines() == PREVIEW_LINES
        assert Lap.objects.count() == 0
        with page.expect_navigation():
            page.click("input[name=confirm]")
        page.locator("#import-job[data-state=done]").wait_for(timeout=15000)
        assert (heading.inner_text(), confirm.count(), Lap.objects.count()) == ("Imported", 0, 2)
    finally:
        go.set()
        page.close()
    assert errors == []
