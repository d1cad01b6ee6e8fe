from __future__ import annotations

from django.urls import include, path

from porras.fhir import views

app_name = "fhir"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Questionnaire", views.questionnaire_search, name="questionnaire_search"),
    path("Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire_read"),
    # HealthcareService comes from the service catalogue.
    path("", include("porras.catalogue.fhir_urls")),
    path("Observation", views.observation_search, name="observation_search"),
    path("QuestionnaireResponse", views.questionnaire_response_create, name="questionnaire_response_create"),
    path(
        "QuestionnaireResponse/<str:resource_id>",
        views.questionnaire_response_read,
        name="questionnaire_response_read",
    ),
]
