from __future__ import annotations

from django.urls import path

from porras.integrated import views

app_name = "integrated"

urlpatterns = [
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("episodes/<int:episode_id>/consultations/new/", views.ask, name="ask"),
    path("reports/", views.reports, name="reports"),
    path("episodes/<int:episode_id>/social-care/new/", views.team_add, name="team_add"),
    path("social-care/<int:pk>/end/", views.team_end, name="team_end"),
    path("episodes/<int:episode_id>/somatic-checks/new/", views.somatic_new, name="somatic_new"),
    path("somatic-checks/due/", views.somatic_due, name="somatic_due"),
    path("consultations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("somatic-checks/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("episodes/<int:episode_id>/somatic-risk-groups/", views.risk_group_add, name="risk_group_add"),
    path("somatic-risk-groups/<int:pk>/remove/", views.risk_group_remove, name="risk_group_remove"),
]
