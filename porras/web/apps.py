from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "porras.web"
    label = "web"
