"""Uploads kept between preview and confirmation: abandoned ones are removed when a new one comes."""

import os
import tempfile
import time

import pytest

from events.importers import staging


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / staging.FOLDER_NAME


def _age(folder, token, hours):
    moment = time.time() - hours * 3600
    os.utime(folder / token, (moment, moment))


def test_a_new_upload_removes_those_abandoned_for_more_than_a_day(folder):
    abandoned = staging.staged_upload_save(b"old")
    recent = staging.staged_upload_save(b"recent")
    _age(folder, abandoned, 25)
    _age(folder, recent, 23)
    (folder / "notes.txt").write_bytes(b"not an upload")  # not named by a token: left alone
    os.utime(folder / "notes.txt", (time.time() - 90000, time.time() - 90000))

    new = staging.staged_upload_save(b"new")

    assert staging.staged_upload_read(abandoned) is None
    assert (staging.staged_upload_read(recent), staging.staged_upload_read(new)) == (b"recent", b"new")
    assert sorted(path.name for path in folder.iterdir()) == sorted([new, recent, "notes.txt"])


def test_uploads_are_kept_until_a_new_one_comes(folder):
    token = staging.staged_upload_save(b"old")
    _age(folder, token, 25)

    assert staging.staged_upload_read(token) == b"old"
