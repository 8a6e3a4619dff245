from django.core.management.base import CommandError

from events import services
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.selectors import entry_get, session_get_by_path


class Command(EditorCommand):
    help = (
        "Override a car's status in a session (e.g. not_classified, did_not_start, classified), "
        "or with --clear give it its computed status back. "
        'Example: set_status wec/2025/qatar/race --car 41 --status not_classified --reason "Stewards\' decision 12"'
    )

    def add_arguments(self, parser):
        parser.add_argument("session", help="Session path: championship/year/round/session.")
        parser.add_argument("--car", required=True, help="Car number as written on the car (7 and 007 differ).")
        parser.add_argument(
            "--status",
            help="classified, no_time, not_classified, retired, disqualified or did_not_start.",
        )
        parser.add_argument("--clear", action="store_true", help="Remove the car's status override.")
        parser.add_argument("--reason", default="", help="Why; required to set a status, optional to clear.")
        add_user_argument(parser)

    def run(self, *, session, car, status, clear, reason, user, **options):
        editor = editor_from_option(user)
        if clear == (status is not None):
            raise CommandError("Give the status with --status, or --clear to remove the override (one of them).")
        found_session = session_get_by_path(session)
        entry = entry_get(session=found_session, number=car)
        if clear:
            removed = services.status_override_clear(session=found_session, entry=entry, user=editor, reason=reason)
            self.stdout.write(f"Removed the status override of car #{car} in {session} ({removed.status}).")
            return
        if not reason.strip():
            raise CommandError("Give a reason with --reason to set a status.")
        override = services.status_override_set(
            session=found_session, entry=entry, status=status, reason=reason, user=editor
        )
        self.stdout.write(f"Car #{car} in {session} is now {override.status}: {override.reason}")
