"""Reference data read from events/data/*.toml."""

from events.data import read_toml
from events.importers.references import KNOWN_CLASSES, KNOWN_COLOURS, KNOWN_NAMES, KNOWN_ORDER

# The table as it was written in loader.py before it moved to events/data/classes.toml.
OLD_TABLE = [
    ("HYPERCAR", "Hypercar", "#d4001a"),
    ("LMH", "LMH", "#d4001a"),
    ("LMDH", "LMDh", "#d4001a"),
    ("LMP1", "LMP1", "#d4001a"),
    ("LMP2", "LMP2", "#1f5fbf"),
    ("INNOVATIVE CAR", "Innovative car", "#6a1b9a"),
    ("LMP3", "LMP3", "#7b5ea7"),
    ("LMGTE PRO", "LMGTE Pro", "#00843d"),
    ("LMGTE AM", "LMGTE Am", "#e07b00"),
    ("LMGTE", "LMGTE", "#00843d"),
    ("LMGT3", "LMGT3", "#e07b00"),
    ("GTC", "GTC", "#8d6e63"),
]


def test_the_known_classes_file_is_the_old_table_in_order():
    classes = read_toml("classes.toml")["class"]
    assert len(classes) == 12
    assert classes[0] == {"code": "HYPERCAR", "name": "Hypercar", "colour": "#d4001a"}
    assert classes[-1] == {"code": "GTC", "name": "GTC", "colour": "#8d6e63"}
    assert [(known["code"], known["name"], known["colour"]) for known in classes] == OLD_TABLE
    assert KNOWN_CLASSES == OLD_TABLE


def test_the_importers_tables_come_from_the_file():
    assert KNOWN_ORDER["HYPERCAR"] == 10
    assert KNOWN_ORDER["GTC"] == 120
    assert list(KNOWN_ORDER) == [code for code, _, _ in OLD_TABLE]
    assert KNOWN_NAMES == {code: name for code, name, _ in OLD_TABLE}
    assert KNOWN_COLOURS == {code: colour for code, _, colour in OLD_TABLE}


def test_the_file_is_read_once():
    assert read_toml("classes.toml") is read_toml("classes.toml")
