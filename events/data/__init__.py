"""Reference data kept as TOML files beside this module (``classes.toml`` ...).

Data that is edited as data, not as code: a file per table, read with the standard
library only. Pure Python, no Django, so a pure core (the importers, the rules) may
import it. Files are read once per process; treat what ``read_toml`` returns as
read-only, since every caller shares it.
"""

import tomllib
from functools import cache
from importlib.resources import files


@cache
def read_toml(name: str) -> dict:
    """The parsed contents of the TOML file ``name`` in this package, e.g. ``"classes.toml"``."""
    return tomllib.loads(files(__package__).joinpath(name).read_text(encoding="utf-8"))
