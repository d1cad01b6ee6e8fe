from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    name = "porras.selfcare"
    label = "selfcare"

    def ready(self) -> None:
        from porras.selfcare import signals  # noqa: F401  (an ended episode revokes its client access)
