"""A local editor account for development, and how to log in with it (``make run`` calls it).

Running it again keeps the account as it is: its password is only set when the account
is created (or with ``--reset-password``), so an editor logged in on the running server
stays logged in, and a password the editor changed is not overwritten.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from events.permissions import EDITORS


class Command(BaseCommand):
    help = "Create a local editor account for development (once) and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", default="editor")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="The admin's address to print.")
        parser.add_argument("--reset-password", action="store_true", help="Set the password of an existing account.")

    def handle(self, *args, username, password, url, reset_password, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_editor is for development only (set DJANGO_DEBUG=1).")
        user, created = get_user_model().objects.get_or_create(username=username)
        changed = []
        if not user.is_staff or user.is_superuser:
            user.is_staff, user.is_superuser = True, False
            changed += ["is_staff", "is_superuser"]
        if created or reset_password:
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=None if created else changed)
        user.groups.add(Group.objects.get(name=EDITORS))
        if user.check_password(password):
            login = f"with password “{password}”"
        else:
            login = "with the password set for it (manage.py create_local_editor --reset-password sets it back)"
        self.stdout.write(
            f"Editor account {'created' if created else 'ready'}: log in to the admin at {url} "
            f"as user “{username}” {login}."
        )
