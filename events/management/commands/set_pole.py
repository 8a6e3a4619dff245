from django.core.management.base import CommandError

from events import services
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.selectors import round_entry_get, round_get_by_path, season_classes


class Command(EditorCommand):
    help = (
        "Set the pole car of a class for a round when no qualifying or Hyperpole session decides it, "
        'or with --clear remove it. Examples: set_pole wec/2025/qatar --car 51 --reason "Qualifying cancelled"; '
        "set_pole wec/2025/qatar --clear --class HYPERCAR"
    )

    def add_arguments(self, parser):
        parser.add_argument("round", help="Round path: championship/year/round, e.g. wec/2025/qatar.")
        parser.add_argument(
            "--car", help="The pole car (its class is the pole's class); with --clear, a car of the class."
        )
        parser.add_argument("--class", dest="class_code", help="With --clear: the class code, e.g. HYPERCAR.")
        parser.add_argument("--clear", action="store_true", help="Remove the pole set for the class.")
        parser.add_argument("--reason", default="", help="Why (optional), kept with the pole and in the history.")
        add_user_argument(parser)

    def run(self, *, round, car, class_code, clear, reason, user, **options):
        editor = editor_from_option(user)
        if clear:
            if (car is None) == (class_code is None):
                raise CommandError("With --clear, name the class with --class or a car of it with --car (one of them).")
        elif class_code is not None:
            raise CommandError("--class is for --clear; to set a pole, name the pole car with --car.")
        elif car is None:
            raise CommandError("Name the pole car with --car.")
        found_round = round_get_by_path(round)
        if not clear:
            pole = services.round_pole_set(
                round_=found_round, entry=round_entry_get(found_round, car), user=editor, reason=reason
            )
            because = f": {pole.reason}" if pole.reason else "."
            self.stdout.write(f"Car #{car} has the {pole.car_class.code} pole of {round}{because}")
            return
        if car is not None:
            car_class = round_entry_get(found_round, car).car_class
        else:
            car_class = season_classes(found_round.season).filter(code=class_code).first()
            if car_class is None:
                raise CommandError(
                    f"No class “{class_code}” in {found_round.season.championship.slug}/{found_round.season.year}."
                )
        removed = services.round_pole_clear(round_=found_round, car_class=car_class, user=editor, reason=reason)
        self.stdout.write(f"Removed the {car_class.code} pole of {round} (car #{removed.entry.number}).")
