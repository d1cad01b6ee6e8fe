from django.urls import path

from porras.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("verify/", views.verify_view, name="verify"),
    path("logout/", views.logout_view, name="logout"),
    path("profile/", views.profile_view, name="profile"),
    path("two-step/", views.totp_setup_view, name="totp_setup"),
    path("audit/", views.audit_view, name="audit"),
]
