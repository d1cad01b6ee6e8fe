from django.urls import path

from porras.care import printing, views

app_name = "care"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("referrals/new/", views.referral_new, name="referral_new"),
    path("referrals/from-self-assessment/", views.referral_from_assessment, name="referral_from_assessment"),
    path("find/", views.find_client, name="find"),
    path("clients/<int:client_id>/", views.client_detail, name="client"),
    path("episodes/<int:episode_id>/", views.episode_detail, name="episode"),
    path("episodes/<int:episode_id>/assessment/", views.episode_assessment, name="assessment"),
    path("episodes/<int:episode_id>/step/", views.episode_step, name="step"),
    path("episodes/<int:episode_id>/transfer/", views.episode_transfer, name="transfer"),
    path("episodes/<int:episode_id>/end/", views.episode_end, name="end"),
    path("episodes/<int:episode_id>/children/", views.episode_children, name="children"),
    path("episodes/<int:episode_id>/appointments/new/", views.appointment_new, name="appointment_new"),
    path("episodes/<int:episode_id>/measurements/new/", views.measurement_new, name="measurement_new"),
    path("episodes/<int:episode_id>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("episodes/<int:episode_id>/followups/new/", views.followup_new, name="followup_new"),
    path("episodes/<int:episode_id>/void/", views.episode_void, name="episode_void"),
    path("episodes/<int:episode_id>/correct/", views.episode_correct, name="episode_correct"),
    path("measurements/<int:measurement_id>/void/", views.measurement_void, name="measurement_void"),
    path("measurements/<int:measurement_id>/correct/", views.measurement_correct, name="measurement_correct"),
    path("appointments/<int:appointment_id>/void/", views.appointment_void, name="appointment_void"),
    path("appointments/<int:appointment_id>/correct/", views.appointment_correct, name="appointment_correct"),
    path("risk-flags/<int:flag_id>/acknowledge/", views.risk_flag_acknowledge, name="risk_flag_acknowledge"),
    path("followups/<int:followup_id>/done/", views.followup_done, name="followup_done"),
    path("appointments/<int:appointment_id>/status/", views.appointment_status, name="appointment_status"),
    # Printed documents (porras.care.printing): a page for the browser's print, and a PDF.
    path("episodes/<int:episode_id>/safety-plan/copy/", printing.safety_plan_copy, name="safety_plan_copy"),
    path("episodes/<int:episode_id>/safety-plan/copy.pdf", printing.safety_plan_pdf, name="safety_plan_pdf"),
    path("episodes/<int:episode_id>/summary/", printing.episode_summary, name="episode_summary"),
    path("episodes/<int:episode_id>/summary.pdf", printing.episode_summary_pdf, name="episode_summary_pdf"),
]
