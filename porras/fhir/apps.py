from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "porras.fhir"
    label = "fhir"
