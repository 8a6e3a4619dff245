from events import services
from events.enums import SessionStatus
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.selectors import session_get_by_path


class Command(EditorCommand):
    help = (
        "Move a session to another state of its life: scheduled, live (laps coming in), provisional "
        "or final results; back as well as forward. "
        'Example: set_session_status wec/2021/portimao/race final --note "Stewards\' decisions published"'
    )

    def add_arguments(self, parser):
        parser.add_argument("session", help="Session path: championship/year/round/session.")
        parser.add_argument("status", help=f"{', '.join(SessionStatus.values[:-1])} or {SessionStatus.values[-1]}.")
        parser.add_argument("--note", default="", help="Why (optional), kept in the session's history.")
        add_user_argument(parser)

    def run(self, *, session, status, note, user, **options):
        editor = editor_from_option(user)
        found = session_get_by_path(session)
        before = found.get_status_display()
        services.session_status_set(session=found, status=status, user=editor, note=note)
        self.stdout.write(f"{found.path} is now {found.get_status_display().lower()} (was {before.lower()}).")
