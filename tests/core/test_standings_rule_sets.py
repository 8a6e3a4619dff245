"""Rule sets from data (pure: no database, no files): the mapping a TOML file parses to."""

import copy
from fractions import Fraction

import pytest

from events.core.standings import RuleSet, Scale, TitleRule, rule_set_for_year, rule_set_from_mapping

TEN = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]
MAPPING = {
    "key": "wec-test",
    "name": "Test",
    "first_year": 2024,
    "last_year": 2024,
    "pole_points": 1,
    "source": "here",
    "scales": {
        "standard": {"points": TEN, "beyond": 0.5},
        "long": {"points": [38, 27], "beyond": "1/2"},
        "le-mans": {"points": [50, 36]},
    },
    "titles": [
        {"key": "drivers", "name": "Drivers", "class_codes": ["HYPERCAR"], "kind": "drivers"},
        {
            "key": "makers",
            "name": "Manufacturers",
            "class_codes": ["HYPERCAR"],
            "kind": "manufacturers",
            "entrants": ["works"],
            "best_cars": 2,
        },
    ],
}


def changed(path: str, value: object = None, *, remove: bool = False) -> dict:
    """MAPPING with the field at ``path`` ("titles.1.kind") set to ``value`` or removed."""
    mapping = copy.deepcopy(MAPPING)
    *parents, last = path.split(".")
    target = mapping
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if remove:
        del target[last]
    else:
        target[last] = value
    return mapping


def test_rule_set_from_mapping_reads_every_field():
    rule_set = rule_set_from_mapping(MAPPING)
    assert rule_set == RuleSet(
        key="wec-test",
        name="Test",
        first_year=2024,
        last_year=2024,
        scales={
            "standard": Scale(tuple(TEN), Fraction(1, 2)),
            "long": Scale((38, 27), Fraction(1, 2)),
            "le-mans": Scale((50, 36), Fraction(0)),
        },
        pole_points=1,
        titles=(
            TitleRule("drivers", "Drivers", ("HYPERCAR",), "drivers", ("works", "private"), None),
            TitleRule("makers", "Manufacturers", ("HYPERCAR",), "manufacturers", ("works",), 2),
        ),
        source="here",
    )


def test_rule_set_from_mapping_without_last_year_is_in_force():
    assert rule_set_from_mapping(changed("last_year", remove=True)).last_year is None


@pytest.mark.parametrize(
    "mapping, message",
    [
        (changed("scales.long", remove=True), "scales: missing \\['long'\\]"),
        (changed("scales.sprint", {"points": [1]}), "unknown \\['sprint'\\]"),
        (changed("scales.standard.points", [25, -1]), "scales.standard.points"),
        (changed("scales.standard.beyond", "half"), "scales.standard.beyond"),
        (changed("scales.standard.beyond", -1), "scales.standard.beyond"),
        (changed("titles.1.kind", "team"), "titles\\[1\\].kind"),
        (changed("titles.0.entrants", ["works", "guest"]), "titles\\[0\\].entrants"),
        (changed("titles.0.best_cars", 1), "titles\\[0\\].best_cars"),
        (changed("titles.1.best_cars", 0), "titles\\[1\\].best_cars"),
        (changed("titles.1.key", "drivers"), "key drivers used more than once"),
        (changed("titles.0.classes", ["LMP2"]), "unknown field\\(s\\) classes"),
        (changed("titles", []), "titles"),
        (changed("first_year", "2024"), "first_year"),
        (changed("last_year", 2023), "last_year 2023 is before first_year 2024"),
        (changed("pole_points", remove=True), "pole_points"),
    ],
)
def test_rule_set_from_mapping_bad_data_names_the_field(mapping, message):
    with pytest.raises(ValueError, match=f"wec-test: .*{message}"):
        rule_set_from_mapping(mapping)


def test_rule_set_for_year_picks_the_era_and_names_a_year_without_one():
    older = rule_set_from_mapping(changed("last_year", 2023) | {"key": "old", "first_year": 2021})
    current = rule_set_from_mapping(changed("last_year", remove=True) | {"key": "new"})
    assert rule_set_for_year([older, current], 2021) is older
    assert rule_set_for_year([older, current], 2023) is older
    assert rule_set_for_year([older, current], 2030) is current
    with pytest.raises(ValueError, match="1990"):
        rule_set_for_year([older, current], 1990)


def test_rule_set_for_year_refuses_overlapping_eras():
    first = rule_set_from_mapping(MAPPING)
    second = rule_set_from_mapping(changed("key", "other"))
    with pytest.raises(ValueError, match="wec-test, other"):
        rule_set_for_year([first, second], 2024)
