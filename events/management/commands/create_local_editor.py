from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (or reset) a local editor account for development and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--password", default="editor")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, password, url, **options):
        if not settings.DEBUG:
            raise CommandError("create_local_editor is for development only (set DJANGO_DEBUG=1).")
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        self.stdout.write(
            f"Editor account {'created' if created else 'ready'}: log in to the admin at {url} "
            f"as user “{username}” with password “{password}”."
        )
