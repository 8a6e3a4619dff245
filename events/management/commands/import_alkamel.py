import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.enums import SessionKind
from events.errors import ResultsError
from events.importers.alkamel import AlkamelError
from events.importers.loader import import_alkamel
from events.management.editor import add_user_argument, editor_from_option


class Command(BaseCommand):
    help = (
        "Import an Al Kamel timing file (lap-by-lap analysis or classification; the layout is detected) into a "
        "session. Example: import_alkamel 23_Analysis_Race.CSV --session wec/2026/le-mans/race"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument("--session", required=True, help="Session path: championship/year/round/session.")
        parser.add_argument(
            "--kind", choices=SessionKind.values, help="Kind of a new session (default: from its slug)."
        )
        parser.add_argument("--championship-name", default="", help="Name of a new championship.")
        parser.add_argument("--round-name", default="", help="Name of a new round, e.g. 8 Hours of Portimao.")
        parser.add_argument("--session-name", default="", help="Name of a new session, e.g. Qualifying.")
        parser.add_argument("--dry-run", action="store_true", help="Read and count everything, write nothing.")
        add_user_argument(parser)

    def handle(self, *args, file, session, kind, championship_name, round_name, session_name, dry_run, user, **options):
        editor = editor_from_option(user)
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            summary = import_alkamel(
                data=data,
                session_path=session,
                user=editor,
                kind=kind,
                championship_name=championship_name,
                round_name=round_name,
                session_name=session_name,
                dry_run=dry_run,
            )
        except AlkamelError as error:
            sys.stderr.write(f"{error}\n")
            raise CommandError(f"{file}: nothing was imported.", returncode=2) from error
        except ResultsError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(summary.lines()))
