from django.apps import AppConfig


class NavigatorConfig(AppConfig):
    name = "porras.navigator"
    label = "navigator"
