from events import services
from events.management.editor import EditorCommand, editor_from_option
from events.permissions import may_import


class Command(EditorCommand):
    help = (
        "Issue an API token for a user, for a timing system to feed laps with. The token is shown "
        "once, on the last line of the output; only its digest is kept. "
        'Example: issue_api_token edith --name "timing PC, paddock"'
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user the token acts as (an editor, who may import timing).")
        parser.add_argument("--name", default="", help="What uses the token, to tell tokens apart.")

    def run(self, *, username, name, **options):
        user = editor_from_option(username)
        if not may_import(user):
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: “{username}” may not import timing, so the feed refuses this token (403) "
                    "until they may (add them to the Editors group)."
                )
            )
        token, secret = services.api_token_issue(user=user, name=name)
        self.stdout.write(f"API token {token.hint}… for {username}. Copy it now: it is not shown again.")
        self.stdout.write(secret)
