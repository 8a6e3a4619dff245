"""Data files shipped with the app: TOML under events/data/ (``classes.toml``, ``demo/...``, ``standings/...``).

Data that is edited as data, not as code: a file per table, read with the standard
library only (and the pure core, to turn a file into its dataclass). Pure Python, no Django.
"""

import functools
import tomllib
from importlib import resources

from events.core.standings import RuleSet, rule_set_from_mapping

STANDINGS_FOLDER = "standings"


@functools.cache
def read_toml(name: str) -> dict:
    """The TOML file ``name``, a path relative to events/data such as "demo/portimao-2021-qualifying.toml".

    Read once per process: the same dict is returned each time, so callers must not change it.
    """
    return tomllib.loads(resources.files(__name__).joinpath(*name.split("/")).read_text(encoding="utf-8"))


@functools.cache
def standings_rule_sets() -> tuple[RuleSet, ...]:
    """The points rule sets by era, one file each in events/data/standings/, oldest first.

    Read and checked once per process; a file with bad data raises ValueError naming
    the file and the field.
    """
    folder = resources.files(__name__).joinpath(STANDINGS_FOLDER)
    rule_sets = []
    for path in sorted(folder.iterdir(), key=lambda path: path.name):
        if not path.name.endswith(".toml"):
            continue
        try:
            rule_sets.append(rule_set_from_mapping(read_toml(f"{STANDINGS_FOLDER}/{path.name}")))
        except (ValueError, tomllib.TOMLDecodeError) as error:
            raise ValueError(f"{STANDINGS_FOLDER}/{path.name}: {error}") from error
    return tuple(sorted(rule_sets, key=lambda rule_set: rule_set.first_year))
