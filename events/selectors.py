"""Reads: find sessions, entries and laps by the names people and tools use."""

from django.db.models import QuerySet

from .errors import NotFound
from .models import Entry, Lap, Session


def session_get_by_path(path: str) -> Session:
    """The session named ``<championship>/<year>/<round>/<session>``, e.g. ``wec/2021/portimao/qualifying``."""
    parts = path.strip().strip("/").split("/")
    if len(parts) != 4 or not all(parts):
        raise NotFound(f"“{path}” is not a session path; write it as championship/year/round/session, "
                       "e.g. wec/2021/portimao/qualifying.")
    championship_slug, year, round_slug, session_slug = parts
    if not year.isdigit():
        raise NotFound(f"“{path}”: the year “{year}” is not a number.")
    session = (
        Session.objects.with_path_parts()
        .filter(
            round__season__championship__slug=championship_slug,
            round__season__year=int(year),
            round__slug=round_slug,
            slug=session_slug,
        )
        .first()
    )
    if session is None:
        raise NotFound(f"No session {path}.")
    return session


def entry_get(*, session: Session, number: str) -> Entry:
    """The car with this number in the session's round; ``7`` and ``007`` are different cars."""
    entry = Entry.objects.filter(round_id=session.round_id, number=number).select_related("team").first()
    if entry is None:
        raise NotFound(f"No car #{number} is entered in {session.path}.")
    return entry


def lap_get(*, session: Session, number: str, lap_number: int) -> Lap:
    """One lap of one car in a session."""
    entry = entry_get(session=session, number=number)
    lap = Lap.objects.filter(session=session, entry=entry, lap_number=lap_number).first()
    if lap is None:
        raise NotFound(f"Car #{number} has no lap {lap_number} in {session.path}.")
    return lap


def laps_of_session(session: Session) -> QuerySet[Lap]:
    return Lap.objects.filter(session=session).select_related("entry", "driver")
