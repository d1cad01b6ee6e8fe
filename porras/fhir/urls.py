from __future__ import annotations

from django.urls import path

from porras.fhir import views

app_name = "fhir"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Questionnaire", views.questionnaire_search, name="questionnaire_search"),
    path("Questionnaire/<str:resource_id>", views.questionnaire_read, name="questionnaire_read"),
    path("HealthcareService", views.healthcare_service_search, name="fhir-healthcareservice-search"),
    path("HealthcareService/<str:service_id>", views.healthcare_service_read, name="fhir-healthcareservice-read"),
    path("EpisodeOfCare/<int:episode_id>", views.episode_of_care, name="episode_of_care"),
    path("Observation", views.observation_search, name="observation_search"),
    path("QuestionnaireResponse", views.questionnaire_response_create, name="questionnaire_response_create"),
    path(
        "QuestionnaireResponse/<str:resource_id>",
        views.questionnaire_response_read,
        name="questionnaire_response_read",
    ),
]
