"""The one-time link: e-mailed through Django's mail framework when e-mail is set up and the user has an
address, else shown to the administrator once. It sets the password once, expires, clears a lock-out,
and neither the token nor the link is ever written to the audit log."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from porras.accounts import services
from porras.accounts.models import AuditEntry, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kevät-aamun-2026-salasana"
LINK = re.compile(r"https?://[^\s\"<]+/accounts/set-password/[^\s\"<]+/")


def _admin(cast) -> Client:
    client = Client()
    client.force_login(cast.admin)
    return client


def _new_user(cast, email: str = "uusi@example.org") -> User:
    return services.admin_create_user(cast.admin, "uusi.kayttaja", email, "professional", unit_code="unit-a")


def test_the_link_is_emailed_and_sets_the_password(cast) -> None:
    user = _new_user(cast)
    response = _admin(cast).post(f"/accounts/users/{user.pk}/password-link/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["uusi@example.org"]
    link = LINK.search(mail.outbox[0].body).group(0)
    assert "uusi.kayttaja" in mail.outbox[0].body
    anonymous = Client()
    assert anonymous.get(link).status_code == 200
    done = anonymous.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert Client().post("/accounts/login/", {"username": "uusi.kayttaja", "password": NEW_PASSWORD}).status_code == 302


def test_the_link_works_only_once(cast) -> None:
    user = _new_user(cast)
    _admin(cast).post(f"/accounts/users/{user.pk}/password-link/")
    link = LINK.search(mail.outbox[0].body).group(0)
    Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert Client().get(link).status_code == 404
    again = Client().post(link, {"new_password1": "toinen-salasana-2026", "new_password2": "toinen-salasana-2026"})
    assert again.status_code == 404
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_link_expires(cast, settings) -> None:
    user = _new_user(cast)
    _admin(cast).post(f"/accounts/users/{user.pk}/password-link/")
    link = LINK.search(mail.outbox[0].body).group(0)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every token made before now has expired
    assert Client().get(link).status_code == 404


def test_without_email_the_link_is_shown_once_to_the_administrator(cast, settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    user = _new_user(cast)
    response = _admin(cast).post(f"/accounts/users/{user.pk}/password-link/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    link = LINK.search(response.content.decode()).group(0)
    assert Client().get(link).status_code == 200
    assert not mail.outbox


def test_a_user_without_an_address_gets_the_link_through_the_administrator(cast) -> None:
    user = _new_user(cast, email="")
    response = _admin(cast).post(f"/accounts/users/{user.pk}/password-link/")
    assert response.status_code == 200 and LINK.search(response.content.decode())
    assert not mail.outbox


def test_the_audit_log_never_holds_the_token_or_the_link(cast) -> None:
    user = _new_user(cast)
    _admin(cast).post(f"/accounts/users/{user.pk}/password-link/")
    link = LINK.search(mail.outbox[0].body).group(0)
    Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    token = link.rstrip("/").rsplit("/", 1)[1]
    stored = [str(v) for row in AuditEntry.objects.values_list("username", "role", "object_id", "detail") for v in row]
    assert not any(token in value or NEW_PASSWORD in value for value in stored)
    assert AuditEntry.objects.filter(action="user.password_link", detail={"delivery": "email"}).exists()
    assert AuditEntry.objects.filter(action="user.password_set", username="uusi.kayttaja").exists()


def test_setting_the_password_clears_a_lock_out(cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/accounts/login/", {"username": "colleague_a", "password": "wrong"})
    assert services.is_locked_out(cast.colleague_a)
    link = services.password_link(cast.admin, cast.colleague_a.pk, "http://testserver/").url
    Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not services.is_locked_out(cast.colleague_a)
    assert Client().post("/accounts/login/", {"username": "colleague_a", "password": NEW_PASSWORD}).status_code == 302


def test_a_weak_or_mismatched_password_is_refused_and_the_link_stays_valid(cast) -> None:
    link = services.password_link(cast.admin, cast.colleague_a.pk, "http://testserver/").url
    for first, second in (("short", "short"), (NEW_PASSWORD, NEW_PASSWORD + "x"), ("1234567890", "1234567890")):
        response = Client().post(link, {"new_password1": first, "new_password2": second})
        assert response.status_code == 200 and response.context["form"].errors
    assert Client().get(link).status_code == 200


def test_no_link_is_made_for_a_deactivated_account(cast) -> None:
    services.set_active(cast.admin, cast.colleague_a.pk, False)
    response = _admin(cast).post(f"/accounts/users/{cast.colleague_a.pk}/password-link/")
    assert response.status_code == 302 and not mail.outbox
    assert not AuditEntry.objects.filter(action="user.password_link").exists()


def test_a_made_up_link_answers_like_an_expired_one(cast) -> None:
    assert Client().get("/accounts/set-password/MQ/abc-def/").status_code == 404
    assert Client().get("/accounts/set-password/!!/x/").status_code == 404
