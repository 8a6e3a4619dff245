"""Trigram indexes for search on PostgreSQL: drivers and teams are found by every word of a query
inside their stored search key (``search_name LIKE '%word%'``), which a GIN index of the key's
trigrams (``pg_trgm``) answers without reading every row once there are many. SQLite has no such
index: there the same query reads the table, which is fast at a results database's sizes.

``pg_trgm`` is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.
Written by hand (the initial migration is generated); kept when the initial one is made again.
"""

from django.db import migrations

INDEXES = [("events_driver", "driver_search_name_trgm"), ("events_team", "team_search_name_trgm")]


class PostgreSQLOnly(migrations.RunSQL):
    """SQL run on PostgreSQL only; nothing elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        PostgreSQLOnly(
            sql=["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
            + [f"CREATE INDEX {name} ON {table} USING gin (search_name gin_trgm_ops)" for table, name in INDEXES],
            reverse_sql=[f"DROP INDEX IF EXISTS {name}" for _, name in INDEXES],
        )
    ]
