from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Results"

    def ready(self):
        from .results import signals  # noqa: F401, PLC0415  (connects the receivers once the models are ready)
