from django.core.management.base import CommandError

from events import services
from events.management.editor import EditorCommand, add_user_argument, editor_from_option
from events.models import ApiToken


class Command(EditorCommand):
    help = (
        "Revoke an API token, named by its start as list_api_tokens shows it: it is refused from "
        "now on and stays on record. Example: revoke_api_token wec_3hX9aQ2k"
    )

    def add_arguments(self, parser):
        parser.add_argument("hint", help="The token's start (“starts with” in list_api_tokens).")
        add_user_argument(parser)

    def run(self, *, hint, user, **options):
        editor = editor_from_option(user)
        tokens = list(ApiToken.objects.filter(hint=hint).select_related("user"))
        if not tokens:
            raise CommandError(f"No API token starts with “{hint}”; list_api_tokens lists them.")
        if len(tokens) > 1:
            users = ", ".join(sorted({str(token.user) for token in tokens}))
            raise CommandError(
                f"{len(tokens)} API tokens start with “{hint}” (of {users}); revoke the one you mean in the admin."
            )
        token = services.api_token_revoke(token=tokens[0], by=editor)
        self.stdout.write(f"Revoked the API token {token.hint}… of {token.user}.")
