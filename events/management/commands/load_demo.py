from django.core.management.base import BaseCommand

from events.demo import SESSION_PATH, load_demo


class Command(BaseCommand):
    help = "Create the demo round (2021 8 Hours of Portimao qualifying) where it is missing."

    def handle(self, *args, **options):
        created = load_demo()
        summary = ", ".join(f"{count} {what}" for what, count in created.items())
        self.stdout.write(f"Demo {SESSION_PATH}: created {summary}.")
