from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Results"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
