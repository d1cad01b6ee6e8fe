from django.urls import path

from porras.accounts import views, views_audit, views_users

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("verify/", views.verify_view, name="verify"),
    path("logout/", views_users.logout_view, name="logout"),
    path("profile/", views.profile_view, name="profile"),
    path("two-step/", views.totp_setup_view, name="totp_setup"),
    path("password/", views_users.password_change_view, name="password_change"),
    path("set-password/<str:uidb64>/<str:token>/", views_users.password_set_view, name="password_set"),
    path("audit/", views_audit.audit_view, name="audit"),
    path("users/", views_users.users_view, name="users"),
    path("users/new/", views_users.user_new_view, name="user_new"),
    path("users/<int:user_id>/", views_users.user_view, name="user"),
    path("users/<int:user_id>/email/", views_users.user_email_view, name="user_email"),
    path("users/<int:user_id>/roles/", views_users.user_role_add_view, name="user_role_add"),
    path("users/<int:user_id>/roles/<int:membership_id>/remove/", views_users.user_role_remove_view,
         name="user_role_remove"),
    path("users/<int:user_id>/active/", views_users.user_active_view, name="user_active"),
    path("users/<int:user_id>/unlock/", views_users.user_unlock_view, name="user_unlock"),
    path("users/<int:user_id>/second-factor/reset/", views_users.user_second_factor_reset_view,
         name="user_second_factor_reset"),
    path("users/<int:user_id>/password-link/", views_users.user_password_link_view, name="user_password_link"),
]
