from django.urls import path

from porras.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("manage/", views.manage_view, name="manage"),
    path("manage/new/", views.create_view, name="create"),
    path("manage/<uuid:service_id>/", views.edit_view, name="edit"),
    path("manage/<uuid:service_id>/status/", views.status_view, name="status"),
    path("<uuid:service_id>/", views.detail_view, name="detail"),
]
