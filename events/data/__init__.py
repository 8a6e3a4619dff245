"""Data files shipped with the app: TOML under events/data/ (``classes.toml``, ``demo/...``).

Data that is edited as data, not as code: a file per table, read with the standard
library only. Pure Python, no Django.
"""

import functools
import tomllib
from importlib import resources


@functools.cache
def read_toml(name: str) -> dict:
    """The TOML file ``name``, a path relative to events/data such as "demo/portimao-2021-qualifying.toml".

    Read once per process: the same dict is returned each time, so callers must not change it.
    """
    return tomllib.loads(resources.files(__name__).joinpath(*name.split("/")).read_text(encoding="utf-8"))
