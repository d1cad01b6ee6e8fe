"""User administration pages (administrators; unit managers for their own units), the user's own
password change, the one-time set-password link and the sign-out page.

Every decision is porras.accounts.authz's, every write a use case of porras.accounts.services (one
transaction with its audit entry). A user the actor may not manage answers 404 like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlencode, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from porras.accounts import audit, authz, services
from porras.accounts.forms import (
    ActiveForm,
    EmailForm,
    LinkSetPasswordForm,
    OwnPasswordChangeForm,
    RoleForm,
    UserCreateForm,
    UserSearchForm,
    split_scope,
)
from porras.accounts.models import User
from porras.accounts.roles import Perm
from porras.lib.errors import Conflict, InputError

USERS_PER_PAGE = 50
_FIELD_OF = {"unit": "scope", "county": "scope"}  # service error fields → form fields


def _me(request: HttpRequest) -> User:
    """The signed-in user (the views are behind login_required)."""
    user = request.user
    assert isinstance(user, User)
    return user


def _show_errors(form: Any, exc: InputError) -> None:
    for error in exc.errors:
        name = _FIELD_OF.get(str(error.get("field")), str(error.get("field")))
        form.add_error(name if name in form.fields else None, str(error.get("reason", "")))


def _locked_usernames(usernames: list[str]) -> set[str]:
    from axes.models import AccessAttempt
    from django.utils import timezone

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(AccessAttempt.objects.filter(
        username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since,
    ).values_list("username", flat=True))


@login_required
def users_view(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.USER_ADMIN)
    form = UserSearchForm(request.GET or None)
    query, number = "", 1
    if form.is_bound and form.is_valid():
        query, number = form.cleaned_data["q"], form.cleaned_data["page"] or 1
    page = Paginator(services.user_rows(_me(request), query), USERS_PER_PAGE).get_page(number)
    users = list(page.object_list)
    locked = _locked_usernames([u.username for u in users])
    rows = [{"user": u, "locked": u.username in locked, "memberships": list(u.memberships.all())} for u in users]
    return render(request, "accounts/users.html",
                  {"form": form, "page": page, "rows": rows, "query": urlencode({"q": query}) if query else ""})


@login_required
def user_new_view(request: HttpRequest) -> HttpResponse:
    authz.require(request.user, Perm.USER_ADMIN)
    form = UserCreateForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit_code, county_code = split_scope(form.cleaned_data["scope"])
        try:
            user = services.admin_create_user(
                _me(request), form.cleaned_data["username"], form.cleaned_data["email"], form.cleaned_data["role"],
                unit_code=unit_code, county_code=county_code)
        except InputError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("The user %(username)s was created. Send them a link to set a password.")
                             % {"username": user.username})
            return redirect("accounts:user", user_id=user.pk)
    return render(request, "accounts/user_new.html", {"form": form})


def _detail(request: HttpRequest, target: User, *, status: int = 200, **forms: Any) -> HttpResponse:
    memberships = list(target.memberships.select_related("unit__organisation__county", "county").order_by("role"))
    context = {
        "target": target,
        "memberships": [{"m": m, "removable": authz.may_remove_membership(request.user, m)} for m in memberships],
        "email_form": forms.get("email_form") or EmailForm(initial={"email": target.email}),
        "role_form": forms.get("role_form") or RoleForm(request.user),
        "locked": services.is_locked_out(target),
        "has_second_factor": services.has_second_factor(target),
        "has_password": target.has_usable_password(),
        "may_deactivate": authz.may_deactivate(request.user, target),
        "email_configured": services.email_configured(),
        "link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    return render(request, "accounts/user.html", context, status=status)


@login_required
def user_view(request: HttpRequest, user_id: int) -> HttpResponse:
    return _detail(request, services.managed_user(_me(request), user_id))


def _back(user_id: int) -> HttpResponse:
    return redirect("accounts:user", user_id=user_id)


@login_required
@require_POST
def user_email_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = services.managed_user(_me(request), user_id, "user.update")
    form = EmailForm(request.POST)
    if form.is_valid():
        try:
            services.set_email(_me(request), target.pk, form.cleaned_data["email"])
        except InputError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("The e-mail address was saved."))
            return _back(target.pk)
    return _detail(request, target, email_form=form)


@login_required
@require_POST
def user_role_add_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = services.managed_user(_me(request), user_id, "user.role_grant")
    form = RoleForm(request.user, request.POST)
    if form.is_valid():
        unit_code, county_code = split_scope(form.cleaned_data["scope"])
        try:
            services.grant_role(_me(request), target.pk, form.cleaned_data["role"], unit_code=unit_code,
                                county_code=county_code)
        except InputError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("The role was given."))
            return _back(target.pk)
    return _detail(request, target, role_form=form)


@login_required
@require_POST
def user_role_remove_view(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    try:
        services.revoke_role(_me(request), user_id, membership_id)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The role was removed."))
    if not authz.may_manage_user(request.user, services.managed_user(None, user_id)):
        return redirect("accounts:users")  # the last role within the actor's units went: the user is not theirs now
    return _back(user_id)


@login_required
@require_POST
def user_active_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = services.managed_user(_me(request), user_id, "user.update")
    form = ActiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the request was not understood."))
        return _detail(request, target, status=422)
    try:
        services.set_active(_me(request), target.pk, form.cleaned_data["active"])
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The account is in use again.") if form.cleaned_data["active"]
                         else _("The account was deactivated: its sessions and API tokens no longer work."))
    return _back(target.pk)


@login_required
@require_POST
def user_unlock_view(request: HttpRequest, user_id: int) -> HttpResponse:
    services.unlock(_me(request), user_id)
    messages.success(request, _("The account was unlocked: the user may sign in again."))
    return _back(user_id)


@login_required
@require_POST
def user_second_factor_reset_view(request: HttpRequest, user_id: int) -> HttpResponse:
    services.reset_second_factor(_me(request), user_id)
    messages.success(request, _("Two-step verification was reset: the user sets it up again at the next sign-in."))
    return _back(user_id)


@never_cache
@login_required
@require_POST
def user_password_link_view(request: HttpRequest, user_id: int) -> HttpResponse:
    target = services.managed_user(_me(request), user_id, "user.password_link")
    try:
        link = services.password_link(_me(request), target.pk, request.build_absolute_uri("/"))
    except InputError as exc:
        messages.error(request, str(exc.errors[0].get("reason", "")))
        return _back(target.pk)
    if link.sent_to:
        messages.success(request, _("A link to set the password was sent to %(email)s. It works once, for "
                                    "%(hours)s hours.") % {"email": link.sent_to, "hours": link.expires_hours})
        return _back(target.pk)
    # No e-mail: the link is shown this once (never stored, never logged), to be handed over in person.
    return render(request, "accounts/password_link.html", {"target": target, "link": link})


# ------------------------------------------------------------------------------------------------
# Everyone: their own password; the one-time link; signing out.


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@login_required
def password_change_view(request: HttpRequest) -> HttpResponse:
    form = OwnPasswordChangeForm(_me(request), request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            services.password_was_set(user, through_link=False, request=request)
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password was changed."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


def _user_of_link(uidb64: str, token: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first() if 0 < pk < 2**63 else None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def password_set_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link: a valid token for an active user shows Django's set-password form. The token
    stops working once the password is set (it is made from the password hash) or after
    PASSWORD_RESET_TIMEOUT. Setting the password clears a lock-out. Nobody is signed in by it."""
    user = _user_of_link(uidb64, token)
    if user is None:
        return render(request, "accounts/password_link_invalid.html", status=404)
    form = LinkSetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            services.password_was_set(user, through_link=True)
        messages.success(request, _("Your password is set. Sign in with your username %(username)s.")
                         % {"username": user.username})
        return redirect(reverse("accounts:login"))
    return render(request, "accounts/password_set.html", {"form": form, "target": user})


def logout_view(request: HttpRequest) -> HttpResponse:
    """GET: a page with the sign-out button (a link or a bookmark lands here); POST: sign out."""
    if request.method != "POST":
        return render(request, "accounts/logout.html")
    if request.user.is_authenticated:
        audit.record(request, "logout", "user", request.user.pk)
    logout(request)
    request.session.pop(BACKEND_SESSION_KEY, None)
    return redirect("web:home")
