from __future__ import annotations

from django.urls import path

from porras.competence import views

app_name = "competence"

urlpatterns = [
    path("methods/", views.method_list, name="methods"),
    path("methods/<slug:code>/", views.method_detail, name="method"),
    path("training/", views.training_list, name="training"),
    path("training/new/", views.training_new, name="training_new"),
    path("training/import/", views.training_import, name="training_import"),
    path("training/<int:pk>/", views.training_edit, name="training_edit"),
    path("capacity/", views.capacity, name="capacity"),
    path("scorecards/", views.scorecard_list, name="scorecards"),
    path("scorecards/<slug:code>/", views.scorecard, name="scorecard"),
    path("scorecards/<slug:code>/pdf/", views.scorecard_pdf, name="scorecard_pdf"),
]
