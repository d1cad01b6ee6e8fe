from __future__ import annotations

from django.urls import path

from porras.selfcare import views

app_name = "selfcare"

urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("programmes/<slug:programme_id>/", views.programme_detail, name="programme"),
    path("programmes/<slug:programme_id>/save/", views.open_save, name="open_save"),
    path("programmes/<slug:programme_id>/<slug:module_id>/", views.open_module, name="open_module"),
    path("continue/", views.open_resume, name="open_resume"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("me/", views.me, name="me"),
    path("me/modules/<slug:module_id>/", views.me_module, name="me_module"),
    path("me/messages/", views.me_messages, name="me_messages"),
    path("me/questionnaire/", views.me_questionnaire, name="me_questionnaire"),
    path("worklist/", views.worklist, name="worklist"),
    path("episodes/<int:episode_id>/", views.episode, name="episode"),
    path("episodes/<int:episode_id>/assign/", views.assign, name="assign"),
    path("episodes/<int:episode_id>/questionnaire/", views.questionnaire_request, name="questionnaire_request"),
    path("episodes/<int:episode_id>/messages/", views.reply, name="reply"),
    path("episodes/<int:episode_id>/assignments/<int:assignment_id>/revoke/", views.revoke, name="revoke"),
    path("episodes/<int:episode_id>/assignments/<int:assignment_id>/code/", views.new_code, name="new_code"),
    path("episodes/<int:episode_id>/assignments/<int:assignment_id>/<slug:module_id>/feedback/", views.feedback,
         name="feedback"),
]
