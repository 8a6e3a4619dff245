"""Uploaded timing files kept between an import's preview and its confirmation.

The admin first shows what a file would do (a dry run), then imports it when the editor
confirms. Meanwhile the file waits in the system's temporary folder under a random
token, so that the confirmation does not upload it again; the import reads it back by
that token, then removes it. A file whose preview was never confirmed would stay
forever: each new upload first removes those older than ``ABANDONED_AFTER_SECONDS``
(one scan of a folder that holds only the uploads of the last day).
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from pathlib import Path

FOLDER_NAME = "wecresults-imports"
# An editor confirms a preview within minutes; a day later the upload is abandoned.
ABANDONED_AFTER_SECONDS = 24 * 3600


def _staging_folder() -> Path:
    return Path(tempfile.gettempdir()) / FOLDER_NAME


def staged_upload_save(data: bytes) -> str:
    """Keep ``data`` until the import is confirmed; returns the token to read it back by."""
    token = secrets.token_hex(16)
    folder = _staging_folder()
    folder.mkdir(exist_ok=True)
    _abandoned_remove(folder)
    (folder / token).write_bytes(data)
    return token


def _abandoned_remove(folder: Path) -> None:
    """Remove the uploads (files named by a token) last written more than a day ago."""
    limit = time.time() - ABANDONED_AFTER_SECONDS
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                if entry.name.isalnum() and entry.is_file() and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except FileNotFoundError:  # confirmed, or removed by another process, meanwhile
                continue


def staged_upload_read(token: str) -> bytes | None:
    """The file kept under ``token``; None when there is none (already imported, or not a token)."""
    if not token.isalnum():  # a token names a file in the folder, never a path elsewhere
        return None
    try:
        return (_staging_folder() / token).read_bytes()
    except FileNotFoundError:
        return None


def staged_upload_remove(token: str) -> None:
    """Forget the file kept under ``token`` (nothing happens when there is none)."""
    if token.isalnum():
        (_staging_folder() / token).unlink(missing_ok=True)
