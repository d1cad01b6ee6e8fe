from __future__ import annotations

from django.urls import path

from porras.ips import views

app_name = "ips"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("clients/<int:pk>/", views.client_detail, name="client"),
    path("services/", views.service_list, name="services"),
    path("services/<slug:code>/fidelity/", views.fidelity_history, name="fidelity"),
    path("services/<slug:code>/fidelity/new/", views.fidelity_new, name="fidelity_new"),
    path("reports/", views.reports, name="reports"),
]
