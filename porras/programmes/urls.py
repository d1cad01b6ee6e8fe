from __future__ import annotations

from django.urls import path

from porras.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("entities/<slug:code>/", views.entity_detail, name="entity"),
    path("projects/<slug:code>/", views.project_detail, name="project"),
    path("reports/funding/", views.funding_report, name="funding"),
    path("timeline/", views.timeline, name="timeline"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("manage/", views.manage, name="manage"),
    path("manage/entities/new/", views.entity_add, name="entity_add"),
    path("manage/entities/<slug:code>/", views.entity_edit, name="entity_edit"),
    path("manage/projects/new/", views.project_edit, name="project_add"),
    path("manage/projects/<slug:code>/", views.project_edit, name="project_edit"),
    path("manage/grants/new/", views.grant_edit, name="grant_add"),
    path("manage/grants/<slug:code>/", views.grant_edit, name="grant_edit"),
    path("manage/indicators/new/", views.indicator_add, name="indicator_add"),
    path("manage/indicators/<slug:code>/values/new/", views.indicator_value_add, name="indicator_value_add"),
]
