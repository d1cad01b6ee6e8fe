from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "porras.catalogue"
    label = "catalogue"
