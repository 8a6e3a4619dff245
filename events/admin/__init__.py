"""The editors' admin, a module per group of models; writes go through the services.

Django autodiscovers ``events.admin``: importing the modules registers their ModelAdmins.
"""

from . import decisions, laps, reference, sessions, standings, tokens  # noqa: F401 (imported for their @admin.register)
