from django.core.management.base import CommandError

from events import services
from events.enums import PointsShare
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.selectors import round_get_by_path

SHARES = {PointsShare.FULL: "full points", PointsShare.HALF: "half points", PointsShare.NONE: "no points"}


class Command(EditorCommand):
    help = (
        "Set how many points a round gives: its scale (standard, long, le-mans, or default: from the race's "
        "length) and its share (--full-points, --half-points when the race stopped before 75% of its time, "
        "--no-points). Example: set_round_scoring wec/2025/qatar --scale long --half-points"
    )

    def add_arguments(self, parser):
        parser.add_argument("round", help="Round path: championship/year/round, e.g. wec/2025/qatar.")
        parser.add_argument("--scale", help="standard, long, le-mans, or default (from the race's length).")
        share = parser.add_mutually_exclusive_group()
        for flag, share_value, meaning in [
            ("--full-points", PointsShare.FULL, "The round gives full points."),
            ("--half-points", PointsShare.HALF, "Half points: the race stopped before 75%% of its time."),
            ("--no-points", PointsShare.NONE, "No points: the leader did fewer than two laps."),
        ]:
            share.add_argument(flag, dest="share", action="store_const", const=share_value, help=meaning)
        parser.add_argument("--reason", default="", help="Why (optional), kept in the history.")
        add_user_argument(parser)

    def run(self, *, round, scale, share, reason, user, **options):
        editor = editor_from_option(user)
        found = round_get_by_path(round)
        if scale is None and share is None:
            raise CommandError("Give --scale, or one of --full-points, --half-points, --no-points.")
        changed = services.round_scoring_set(round_=found, scale=scale, share=share, user=editor, reason=reason)
        scale_text = f"{changed.points_scale} scale" if changed.points_scale else "scale from the race's length"
        self.stdout.write(f"Scoring of {round}: {scale_text}, {SHARES[changed.points_share]}.")
