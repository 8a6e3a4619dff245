"""On PostgreSQL, drivers' and teams' search keys have trigram indexes that a search's
``LIKE '%word%'`` can use (migration 0002); elsewhere the migration does nothing."""

import pytest
from django.db import connection

from events.models import Driver

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are for PostgreSQL")
def test_search_keys_have_trigram_indexes_a_search_uses():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s) ORDER BY indexname",
            [["driver_search_name_trgm", "team_search_name_trgm"]],
        )
        indexes = cursor.fetchall()
        assert [name for name, _ in indexes] == ["driver_search_name_trgm", "team_search_name_trgm"]
        assert all("USING gin (search_name gin_trgm_ops)" in definition for _, definition in indexes)
        # A few rows: make the planner show it can (no reading the table, nor another index whole).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        query = Driver.objects.filter(search_name__contains="vaxiv").order_by().only("pk").query
        sql, params = query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "driver_search_name_trgm" in plan


@pytest.mark.skipif(connection.vendor == "postgresql", reason="on PostgreSQL the indexes exist")
def test_elsewhere_the_migration_adds_no_index():
    with connection.cursor() as cursor:
        names = {index for index in connection.introspection.get_constraints(cursor, "events_driver")}
    assert not any("trgm" in name for name in names)
