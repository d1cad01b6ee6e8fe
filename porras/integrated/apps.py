from django.apps import AppConfig


class IntegratedConfig(AppConfig):
    name = "porras.integrated"
    label = "integrated"
