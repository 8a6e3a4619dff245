"""What the results commands share: the ``--user`` option naming the editor in the history, and
``EditorCommand``, which answers a refused change with its message."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ..errors import ResultsError


def add_user_argument(parser) -> None:
    parser.add_argument("--user", help="Username of the editor doing this, kept in the history.")


def editor_from_option(username: str | None):
    """The user named by ``--user``, or None when it is not given; an unknown name is an error."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user “{username}”.")
    return user


class EditorCommand(BaseCommand):
    """A command that writes an editor's decision through the services: ``run`` does the work;
    a results error (a path, car or lap that does not exist, a change refused) exits with its
    message, and the service's transaction has changed nothing."""

    def handle(self, *args, **options):
        try:
            self.run(**options)
        except ResultsError as error:
            raise CommandError(str(error)) from error

    def run(self, **options) -> None:
        raise NotImplementedError
