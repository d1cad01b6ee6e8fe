from django.apps import AppConfig


class IpsConfig(AppConfig):
    name = "porras.ips"
    label = "ips"
