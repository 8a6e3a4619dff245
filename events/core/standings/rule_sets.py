"""Rule sets from data: a parsed TOML file (events/data/standings/*.toml) to a :class:`RuleSet`.

The file's layout mirrors the dataclasses::

    key = "wec-2024"
    name = "..."
    first_year = 2024
    last_year = 2024          # leave out while the rules are still in force
    pole_points = 1
    source = "..."

    [scales.standard]
    points = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]
    beyond = 0                # a number or a text such as "0.5" or "1/2"

    [[titles]]
    key = "hypercar-drivers"
    name = "..."
    class_codes = ["HYPERCAR"]
    kind = "drivers"
    entrants = ["works", "private"]   # optional
    best_cars = 1                     # optional, manufacturers only

Bad data raises ValueError naming the rule set and the field; unknown fields are
refused, so a misspelt one cannot be silently ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .types import ENTRANT_KINDS, SCALES, TITLE_KINDS, RuleSet, Scale, TitleRule

RULE_SET_FIELDS = {"key", "name", "first_year", "last_year", "scales", "pole_points", "titles", "source"}
SCALE_FIELDS = {"points", "beyond"}
TITLE_FIELDS = {"key", "name", "class_codes", "kind", "entrants", "best_cars"}
SCORING_ENTRANTS = tuple(kind for kind in ENTRANT_KINDS if kind != "guest")


def rule_set_for_year(rule_sets: Sequence[RuleSet], year: int) -> RuleSet:
    """The rule set in force in ``year``; ValueError naming the year when none (or more than one) applies."""
    found = [
        rule_set
        for rule_set in rule_sets
        if rule_set.first_year <= year and (rule_set.last_year is None or year <= rule_set.last_year)
    ]
    if not found:
        raise ValueError(f"no standings rule set applies to {year}")
    if len(found) > 1:
        keys = ", ".join(rule_set.key for rule_set in found)
        raise ValueError(f"more than one standings rule set applies to {year}: {keys}")
    return found[0]


def rule_set_from_mapping(mapping: dict) -> RuleSet:
    """A :class:`RuleSet` from a parsed TOML file; ValueError naming the field on bad data."""
    where = str(mapping.get("key", "rule set"))
    _only(mapping, RULE_SET_FIELDS, where)
    key = _text(mapping, "key", where)
    first_year = _integer(mapping, "first_year", where)
    last_year = _integer(mapping, "last_year", where) if "last_year" in mapping else None
    if last_year is not None and last_year < first_year:
        raise ValueError(f"{where}: last_year {last_year} is before first_year {first_year}")
    pole_points = _integer(mapping, "pole_points", where)
    if pole_points < 0:
        raise ValueError(f"{where}: pole_points must not be negative")
    scales = mapping.get("scales")
    if not isinstance(scales, dict):
        raise ValueError(f"{where}: scales must be a table with {', '.join(SCALES)}")
    missing = [name for name in SCALES if name not in scales]
    unknown = sorted(set(scales) - set(SCALES))
    if missing or unknown:
        raise ValueError(f"{where}: scales: missing {missing}, unknown {unknown}; expected {', '.join(SCALES)}")
    titles_data = mapping.get("titles")
    if not isinstance(titles_data, list) or not titles_data:
        raise ValueError(f"{where}: titles must be a non-empty list of tables ([[titles]])")
    titles = tuple(_title(data, f"{where}: titles[{index}]") for index, data in enumerate(titles_data))
    keys = [title.key for title in titles]
    doubled = sorted({title_key for title_key in keys if keys.count(title_key) > 1})
    if doubled:
        raise ValueError(f"{where}: titles: key {', '.join(doubled)} used more than once")
    return RuleSet(
        key=key,
        name=_text(mapping, "name", where),
        first_year=first_year,
        last_year=last_year,
        scales={name: _scale(scales[name], f"{where}: scales.{name}") for name in SCALES},
        pole_points=pole_points,
        titles=titles,
        source=_text(mapping, "source", where) if "source" in mapping else "",
    )


def _scale(data: object, where: str) -> Scale:
    if not isinstance(data, dict):
        raise ValueError(f"{where} must be a table with points (and beyond)")
    _only(data, SCALE_FIELDS, where)
    points = data.get("points")
    if (
        not isinstance(points, list)
        or not points
        or not all(isinstance(value, int) and not isinstance(value, bool) and value >= 0 for value in points)
    ):
        raise ValueError(f"{where}.points must be a non-empty list of whole numbers, not negative")
    return Scale(points=tuple(points), beyond=_fraction(data.get("beyond", 0), f"{where}.beyond"))


def _title(data: object, where: str) -> TitleRule:
    if not isinstance(data, dict):
        raise ValueError(f"{where} must be a table")
    _only(data, TITLE_FIELDS, where)
    kind = _text(data, "kind", where)
    if kind not in TITLE_KINDS:
        raise ValueError(f"{where}.kind: {kind!r} is not one of {', '.join(TITLE_KINDS)}")
    class_codes = _texts(data, "class_codes", where)
    entrants = _texts(data, "entrants", where) if "entrants" in data else ("works", "private")
    wrong = [entrant for entrant in entrants if entrant not in SCORING_ENTRANTS]
    if wrong:
        raise ValueError(f"{where}.entrants: {wrong} (guests never score); expected {', '.join(SCORING_ENTRANTS)}")
    best_cars = None
    if "best_cars" in data:
        if kind != "manufacturers":
            raise ValueError(f"{where}.best_cars: only a manufacturers' title counts best cars")
        best_cars = _integer(data, "best_cars", where)
        if best_cars < 1:
            raise ValueError(f"{where}.best_cars must be at least 1")
    return TitleRule(
        key=_text(data, "key", where),
        name=_text(data, "name", where),
        class_codes=class_codes,
        kind=kind,
        entrants=entrants,
        best_cars=best_cars,
    )


def _path(where: str, field: str) -> str:
    """The name of a field in messages: "wec-2024: first_year", "wec-2024: titles[1].kind"."""
    return f"{where}.{field}" if ": " in where else f"{where}: {field}"


def _only(data: dict, fields: set[str], where: str) -> None:
    unknown = sorted(set(data) - fields)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _text(data: dict, field: str, where: str) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{_path(where, field)} must be a non-empty text")
    return value


def _texts(data: dict, field: str, where: str) -> tuple[str, ...]:
    value = data.get(field)
    if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
        raise ValueError(f"{_path(where, field)} must be a non-empty list of texts")
    return tuple(value)


def _integer(data: dict, field: str, where: str) -> int:
    value = data.get(field)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{_path(where, field)} must be a whole number")
    return value


def _fraction(value: object, where: str) -> Fraction:
    """A number of points: a whole number, a decimal (read through its text, so 0.5 is exact) or "1/2"."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f'{where} must be a number such as 0, 0.5 or "1/2"')
    try:
        points = Fraction(str(value))
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a number of points") from None
    if points < 0:
        raise ValueError(f"{where} must not be negative")
    return points
