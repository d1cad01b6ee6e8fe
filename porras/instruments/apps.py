from django.apps import AppConfig


class InstrumentsConfig(AppConfig):
    name = "porras.instruments"
    label = "instruments"
