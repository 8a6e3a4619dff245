"""What the results commands share: the ``--user`` option naming the editor in the history."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


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
