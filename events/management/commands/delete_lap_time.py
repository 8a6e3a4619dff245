from django.core.management.base import CommandError

from events import services
from events.enums import DeletionReason
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.selectors import lap_get, session_get_by_path


class Command(EditorCommand):
    help = (
        "Delete a lap's time (e.g. for track limits) or, with --reinstate, give it back. "
        'Example: delete_lap_time wec/2021/portimao/qualifying --car 91 --lap 3 --reason "Track limits at turn 5"'
    )

    def add_arguments(self, parser):
        parser.add_argument("session", help="Session path: championship/year/round/session.")
        parser.add_argument("--car", required=True, help="Car number as written on the car (7 and 007 differ).")
        parser.add_argument("--lap", required=True, type=int, help="Lap number.")
        parser.add_argument("--reason", default="", help="Why; required to delete, optional to reinstate.")
        parser.add_argument(
            "--kind",
            choices=DeletionReason.values,
            default=DeletionReason.TRACK_LIMITS,
            help="Kind of deletion (default: track_limits).",
        )
        parser.add_argument("--reinstate", action="store_true", help="Give a deleted lap time back.")
        add_user_argument(parser)

    def run(self, *, session, car, lap, reason, kind, reinstate, user, **options):
        editor = editor_from_option(user)
        found = lap_get(session=session_get_by_path(session), number=car, lap_number=lap)
        if reinstate:
            services.lap_time_reinstate(lap=found, user=editor, note=reason)
            self.stdout.write(
                f"Reinstated the time of lap {lap} of car #{car} in {session} ({found.lap_time_display})."
            )
        else:
            if not reason.strip():
                raise CommandError("Give a reason with --reason to delete a lap time.")
            services.lap_time_delete(lap=found, kind=kind, note=reason, user=editor)
            self.stdout.write(
                f"Deleted the time of lap {lap} of car #{car} in {session} ({found.lap_time_display}): {reason}"
            )
