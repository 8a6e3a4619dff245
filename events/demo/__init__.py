"""The demo round: qualifying of the 2021 FIA WEC 8 Hours of Portimao.

The facts (cars, drivers, lap times, deleted laps, and the news report they follow) are
in events/data/demo/portimao-2021-qualifying.toml; :func:`load_demo` loads them. It is
idempotent: it creates what is missing and never overwrites what exists, so an editor's
corrections to the demo survive a second run.
"""

from .loader import SESSION_PATH, load_demo

__all__ = ["SESSION_PATH", "load_demo"]
