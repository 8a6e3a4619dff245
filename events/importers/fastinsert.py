"""Insert many new laps, with their history records, in two ``executemany`` statements.

Django's ``bulk_create`` (and django-simple-history's ``bulk_create_with_history`` on top
of it) builds SQL and prepares every value of every row in Python: for a 24-hour race,
20,000 laps and 20,000 history records, that alone took several seconds. Here each
table gets one parameterised INSERT, run by the database driver for all rows, and only
the values that need it (times of day, date-times) go through Django's adapters. The
history records are what ``bulk_create_with_history`` writes: one "+" record per lap,
with the user, the date and the reason.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import DateTimeField, TimeField
from django.utils import timezone


def _columns(model) -> list:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _adapter(field):
    if isinstance(field, DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, TimeField):
        return connection.ops.adapt_timefield_value
    return None


def _insert(table: str, fields: list, rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


def _values(rows: list[dict], fields: list, same_for_all: dict | None = None) -> list[list]:
    """Each row's values in the order of ``fields``; ``same_for_all`` holds values shared by every row."""
    same_for_all = same_for_all or {}
    getters = [(field.attname, field.get_default()) for field in fields]
    adapted = [(index, adapt) for index, field in enumerate(fields) if (adapt := _adapter(field)) is not None]
    shared = {index: same_for_all[attname] for index, (attname, _) in enumerate(getters) if attname in same_for_all}
    for index, adapt in adapted:
        if index in shared and shared[index] is not None:
            shared[index] = adapt(shared[index])
    adapted = [(index, adapt) for index, adapt in adapted if index not in shared]
    result = []
    for row in rows:
        values = [row.get(attname, default) for attname, default in getters]
        for index, value in shared.items():
            values[index] = value
        for index, adapt in adapted:
            if values[index] is not None:
                values[index] = adapt(values[index])
        result.append(values)
    return result


def insert_with_history(model, rows: list[dict], *, key_fields: tuple[str, ...], user, reason: str) -> None:
    """Insert ``rows`` (dicts of attribute names to values; the rest take their defaults)
    and one history record each.

    ``key_fields`` identify a row among those inserted (for laps: session, entry, lap
    number), to read back the primary keys the history records point to. The read-back
    asks only for the inserted rows' keys (the first field equal, the others among the
    rows' values), not for every row sharing the first: a large import inserting batch
    after batch into one session would otherwise re-read the session each time (quadratic).
    """
    if not rows:
        return
    fields = _columns(model)
    _insert(model._meta.db_table, fields, _values(rows, fields))
    scope = {key_fields[0]: rows[0][key_fields[0]]}
    for name in key_fields[1:]:
        scope[f"{name}__in"] = {row[name] for row in rows}
    wanted = {tuple(row[name] for name in key_fields): row for row in rows}
    for pk, *key in model._default_manager.filter(**scope).values_list("pk", *key_fields).iterator(chunk_size=5000):
        row = wanted.get(tuple(key))
        if row is not None:
            row["id"] = pk
    history_model = model.history.model
    history_fields = [field for field in history_model._meta.concrete_fields if field.name != "history_id"]
    extra = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": user.pk if user is not None and getattr(user, "is_authenticated", False) else None,
    }
    _insert(history_model._meta.db_table, history_fields, _values(rows, history_fields, same_for_all=extra))
