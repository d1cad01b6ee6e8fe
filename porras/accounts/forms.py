from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from porras.accounts.roles import Role


class LoginForm(AuthenticationForm):
    username = forms.CharField(label=_("Username"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": _("The username or password is wrong. Note that repeated failures lock the account for a while."),
        "inactive": _("This account is not in use."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )


# ------------------------------------------------------------------------------------------------
# User administration. The lists of roles and scopes offered are those porras.accounts.authz lets the
# acting user give; the service checks again (a hand-made request with another value is refused).

NATIONAL = "national"


def scope_choices(actor: Any) -> list[tuple[Any, Any]]:
    """``national`` (administrators), ``county:CODE`` and ``unit:CODE`` the actor may scope a role to."""
    from porras.accounts import authz

    choices: list[tuple[Any, Any]] = []
    if Role.ADMINISTRATOR in authz.grantable_roles(actor):
        choices.append((NATIONAL, _("National (no unit or county)")))
    counties = [(f"county:{c.code}", c.name) for c in authz.grantable_counties(actor).order_by("name_fi")]
    if counties:
        choices.append((_("Whole county"), counties))
    units = [(f"unit:{u.code}", f"{u.name} ({u.organisation.county.name})")
             for u in authz.grantable_units(actor).order_by("organisation__county__name_fi", "name_fi")]
    if units:
        choices.append((_("Unit"), units))
    return choices


def role_choices(actor: Any) -> list[tuple[str, Any]]:
    from porras.accounts import authz
    from porras.accounts.models import ROLE_CHOICES

    allowed = {r.value for r in authz.grantable_roles(actor)}
    return [(value, text) for value, text in ROLE_CHOICES if value in allowed]


def split_scope(value: str) -> tuple[str | None, str | None]:
    """(unit code, county code) of a scope choice."""
    kind, _sep, code = value.partition(":")
    if kind == "unit":
        return code, None
    if kind == "county":
        return None, code
    return None, None


def _choice(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ChoiceField(label=_("Where"), help_text=_("A national role takes no unit or county; the others need one."))

    def __init__(self, actor: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "role").choices = [("", _("Choose a role")), *role_choices(actor)]
        _choice(self, "scope").choices = [("", _("Choose where")), *scope_choices(actor)]


class UserCreateForm(RoleForm):
    username = forms.CharField(label=_("Username"), max_length=150,
                               help_text=_("Letters, digits and @ . + - _ only, e.g. firstname.lastname."))
    email = forms.EmailField(label=_("E-mail address"), max_length=254, required=False,
                             help_text=_("The link to set the password is sent here."))
    field_order = ["username", "email", "role", "scope"]


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254, required=False)


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Username or e-mail address"), max_length=150, required=False)
    page = forms.IntegerField(min_value=1, max_value=1_000_000, required=False)


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's own form (its labels and messages are translated by Django)."""


class LinkSetPasswordForm(SetPasswordForm):
    """Django's own form for the one-time link."""


# ------------------------------------------------------------------------------------------------
# The audit log page.

AUDIT_PAGE_SIZES = (25, 50, 100, 200)
AUDIT_EARLIEST = dt.date(2000, 1, 1)  # before any Porras installation: an earlier date is a typing error


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("User"), max_length=150, required=False,
                           help_text=_("The username exactly as written."))
    client = forms.CharField(label=_("Client"), max_length=64, required=False,
                             help_text=_("The client number shown in care, e.g. #12. Never an identity code."))
    action = forms.ChoiceField(label=_("Action"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    size = forms.TypedChoiceField(label=_("Rows per page"), coerce=int, required=False, empty_value=None, initial=50,
                                  choices=[(str(n), str(n)) for n in AUDIT_PAGE_SIZES])
    page = forms.IntegerField(min_value=1, max_value=1_000_000, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from porras.accounts import audit_labels

        super().__init__(*args, **kwargs)
        _choice(self, "action").choices = [("", _("All actions")), *audit_labels.action_choices()]
        _choice(self, "outcome").choices = [("", _("All outcomes")),
                                          *[(k, str(v)) for k, v in audit_labels.OUTCOME_LABELS.items()]]

    def _plausible(self, name: str) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get(name)
        latest = timezone.localdate() + dt.timedelta(days=1)
        if value is not None and not AUDIT_EARLIEST <= value <= latest:
            raise forms.ValidationError(
                _("Give a date between %(earliest)s and %(latest)s.")
                % {"earliest": date_format(AUDIT_EARLIEST, "SHORT_DATE_FORMAT"),
                   "latest": date_format(latest, "SHORT_DATE_FORMAT")})
        return value

    def clean_since(self) -> dt.date | None:
        return self._plausible("since")

    def clean_until(self) -> dt.date | None:
        return self._plausible("until")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the time range is before its start."))
        return data
