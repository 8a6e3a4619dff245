"""The parser's limits are the database's: a model's column that grows or shrinks must be followed there.

The parser is pure (no Django), so it writes the limits down itself; this test holds them
to the models' fields.
"""

from events.importers.alkamel import MAX_INTEGER, MAX_LENGTH
from events.models import CarClass, Driver, Entry, Lap, OfficialResult, Team


def test_text_limits_are_the_model_fields_lengths():
    fields = {
        "DRIVER_NAME": [Driver._meta.get_field("first_name"), Driver._meta.get_field("last_name")],
        "CLASS": [CarClass._meta.get_field("code")],
        "GROUP": [Entry._meta.get_field("group")],
        "TEAM": [Team._meta.get_field("name")],
        "MANUFACTURER": [Entry._meta.get_field("manufacturer")],
        "VEHICLE": [Entry._meta.get_field("car")],
        "TYRES": [Entry._meta.get_field("tyres")],
        "GAP_FIRST": [OfficialResult._meta.get_field("gap_first")],
        "GAP_PREVIOUS": [OfficialResult._meta.get_field("gap_previous")],
        "DELETION_NOTE": [Lap._meta.get_field("deletion_note")],
    }
    assert sorted(fields) == sorted(MAX_LENGTH)
    assert {column: {field.max_length for field in found} for column, found in fields.items()} == {
        column: {limit} for column, limit in MAX_LENGTH.items()
    }


def test_the_integer_limit_is_postgresqls_integer():
    assert MAX_INTEGER == 2**31 - 1
