from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "porras.outcomes"
    label = "outcomes"
