from __future__ import annotations

from django.urls import path

from porras.instruments import views

app_name = "instruments"

urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("responses/<uuid:response_id>/", views.result, name="result"),
    path("<slug:instrument_id>/", views.instrument_fill, name="fill"),
]
