from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "porras.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from porras.catalogue import search

        search.connect()
