from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "porras.programmes"
    label = "programmes"
