from django.core.management.base import CommandError

from events import services
from events.core.laptime import format_lap_time
from events.enums import PenaltyKind
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.models import Penalty
from events.selectors import entry_get, session_get_by_path


class Command(EditorCommand):
    help = (
        "Give a car a penalty in a session, or with --revoke withdraw the same penalty. "
        'Example: apply_penalty wec/2021/portimao/race --car 85 --time-seconds 30 --reason "Pit lane speeding"'
    )

    def add_arguments(self, parser):
        parser.add_argument("session", help="Session path: championship/year/round/session.")
        parser.add_argument("--car", required=True, help="Car number as written on the car (7 and 007 differ).")
        kind = parser.add_mutually_exclusive_group(required=True)
        kind.add_argument("--disqualify", action="store_true", help="Disqualify the car.")
        kind.add_argument("--time-seconds", type=float, help="Seconds added to the race time, e.g. 30 or 5.5.")
        kind.add_argument("--grid-places", type=int, help="Places the car moves back on the grid.")
        kind.add_argument("--drive-through", action="store_true", help="Record a drive-through served.")
        kind.add_argument("--laps", type=int, help="Laps taken off the car's race (its laps stay recorded).")
        parser.add_argument("--reason", default="", help="Why; required to give a penalty, optional to revoke.")
        parser.add_argument("--revoke", action="store_true", help="Withdraw the penalty with these arguments.")
        add_user_argument(parser)

    def run(
        self,
        *,
        session,
        car,
        disqualify,
        time_seconds,
        grid_places,
        drive_through,
        laps,
        reason,
        revoke,
        user,
        **options,
    ):
        editor = editor_from_option(user)
        found_session = session_get_by_path(session)
        entry = entry_get(session=found_session, number=car)
        time_ms = None
        if time_seconds is not None:
            if time_seconds <= 0:
                raise CommandError("--time-seconds must be above zero.")
            time_ms = round(time_seconds * 1000)
        if grid_places is not None and grid_places <= 0:
            raise CommandError("--grid-places must be 1 or more.")
        if laps is not None and laps <= 0:
            raise CommandError("--laps must be 1 or more.")
        kind = (
            PenaltyKind.DISQUALIFICATION
            if disqualify
            else PenaltyKind.TIME
            if time_ms is not None
            else PenaltyKind.GRID_PLACES
            if grid_places is not None
            else PenaltyKind.LAPS
            if laps is not None
            else PenaltyKind.DRIVE_THROUGH
        )
        what = {
            PenaltyKind.DISQUALIFICATION: "disqualification",
            PenaltyKind.TIME: f"{format_lap_time(time_ms)} time penalty",
            PenaltyKind.GRID_PLACES: f"{grid_places}-place grid penalty",
            PenaltyKind.DRIVE_THROUGH: "drive-through",
            PenaltyKind.LAPS: f"{laps}-lap penalty",
        }[kind]
        where = f"car #{car} in {session}"
        if revoke:
            penalty = (
                Penalty.objects.active()
                .filter(
                    session=found_session,
                    entry=entry,
                    kind=kind,
                    time_ms=time_ms,
                    grid_places=grid_places,
                    laps=laps,
                )
                .order_by("-created_at")
                .first()
            )
            if penalty is None:
                raise CommandError(f"There is no {what} of {where} to revoke.")
            services.penalty_revoke(penalty=penalty, user=editor, reason=reason)
            self.stdout.write(f"Revoked the {what} of {where}.")
            return
        if not reason.strip():
            raise CommandError("Give a reason with --reason to give a penalty.")
        services.penalty_apply(
            session=found_session,
            entry=entry,
            kind=kind,
            reason=reason,
            user=editor,
            time_ms=time_ms,
            grid_places=grid_places,
            laps=laps,
        )
        self.stdout.write(f"Gave {where} a {what}: {reason}")
