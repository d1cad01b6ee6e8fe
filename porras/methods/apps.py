from django.apps import AppConfig


class MethodsConfig(AppConfig):
    name = "porras.methods"
    label = "methods"
    verbose_name = "Method cards"
