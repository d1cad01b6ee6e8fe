from django.urls import path

from porras.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("trend/", views.trend, name="trend"),
    path("compare/", views.compare, name="compare"),
    path("download/", views.download, name="download"),
]
