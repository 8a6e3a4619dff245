from events import services
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.selectors import season_get_by_path


class Command(EditorCommand):
    help = (
        "Say who entered a car for a whole season (its rounds imported later included): works, private or guest. "
        "Example: set_entrant wec/2025 --car 83 --kind private"
    )

    def add_arguments(self, parser):
        parser.add_argument("season", help="Season path: championship/year, e.g. wec/2025.")
        parser.add_argument("--car", required=True, help="Car number as written on the car (7 and 007 differ).")
        parser.add_argument("--kind", required=True, help="works, private or guest (a car not named is works).")
        parser.add_argument("--reason", default="", help="Why (optional), kept in the history.")
        add_user_argument(parser)

    def run(self, *, season, car, kind, reason, user, **options):
        editor = editor_from_option(user)
        found = season_get_by_path(season)
        services.entrant_kind_set(season=found, car_number=car, kind=kind, user=editor, reason=reason)
        self.stdout.write(f"Car #{car} is a {kind} entry in every round of {season}.")
