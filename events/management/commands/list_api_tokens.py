from django.core.management.base import BaseCommand
from django.utils import timezone

from events.management.editor import editor_from_option
from events.models import ApiToken

COLUMNS = ["starts with", "user", "name", "created", "last used", "revoked"]
NONE = "—"


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else NONE


class Command(BaseCommand):
    help = "List API tokens, newest first, or only a user's: the start of each token (to revoke it), its user and use."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="Only this user's tokens.")

    def handle(self, *args, username, **options):
        tokens = ApiToken.objects.select_related("user")
        if username:
            tokens = tokens.filter(user=editor_from_option(username))
        rows = [
            [
                token.hint,
                str(token.user),
                token.name or NONE,
                _when(token.created_at),
                _when(token.last_used_at),
                _when(token.revoked_at),
            ]
            for token in tokens
        ]
        if not rows:
            self.stdout.write(f"{username} has no API tokens." if username else "No API tokens.")
            return
        widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
        for row in [COLUMNS, *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
