from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .permissions import sync_editors_group


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Results"

    def ready(self):
        from .results import signals  # noqa: F401, PLC0415  (connects the receivers once the models are ready)

        # After every migrate and flush, once Django has created this app's permissions.
        post_migrate.connect(sync_editors_group, sender=self, dispatch_uid="events.permissions.sync_editors_group")
