"""URL patterns for the FHIR app to include under ``/fhir/``."""

from django.urls import path

from porras.catalogue import fhir_views

urlpatterns = [
    path("HealthcareService", fhir_views.search_view, name="fhir-healthcareservice-search"),
    path("HealthcareService/<str:service_id>", fhir_views.read_view, name="fhir-healthcareservice-read"),
]
