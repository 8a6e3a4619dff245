"""Writes of an editor's change to one record: only the fields they changed, onto the locked row.

Whoever edits (a change form, the lap list, a live-entry screen, the API) says which
fields changed and, when it can, what the editor saw in them. A field someone else
changed meanwhile (now neither what was seen nor the new value) refuses the whole
change: nothing is written, and ``EditConflict`` names each field with both values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from ..errors import EditConflict


def record_locked(record: models.Model) -> models.Model:
    """The record's row as it is now, locked until the end of the transaction."""
    return type(record)._default_manager.select_for_update(of=("self",)).get(pk=record.pk)


def _label(record: models.Model) -> str:
    return f"The {record._meta.verbose_name} “{record}”"


@transaction.atomic
def record_update(
    *,
    record: models.Model,
    changes: Mapping[str, Any],
    user: AbstractBaseUser | None,
    reason: str = "",
    seen: Mapping[str, Any] | None = None,
) -> models.Model:
    """Write ``changes`` (attribute name → new value) onto the record's locked row, nothing else.

    ``seen`` (attribute name → the value the editor's screen showed) turns on the check
    for changes made meanwhile. The history records who, when and why; values not in
    ``changes`` are the row's own, never the editor's stale copy of them.
    """
    current = record_locked(record)
    seen = seen or {}
    conflicts = [
        (name, seen[name], getattr(current, name))
        for name, value in changes.items()
        if name in seen and getattr(current, name) not in (seen[name], value)
    ]
    if conflicts:
        fields = ", ".join(name for name, _, _ in conflicts)
        raise EditConflict(f"{_label(current)} was changed meanwhile ({fields}); nothing was saved.", conflicts)
    fields = [name for name, value in changes.items() if getattr(current, name) != value]
    if not fields:
        return current
    for name in fields:
        setattr(current, name, changes[name])
    current._history_user = user if user is not None and user.is_authenticated else None
    current._change_reason = (reason or "").strip()
    current.save(update_fields=fields)
    return current
