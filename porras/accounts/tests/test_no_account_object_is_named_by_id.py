"""The accounts pages that take an id are the user administration's (a user id, and a role of that
user) and the one-time password link; each answers 404 alike for a user who is not the caller's to
manage and for a missing one (test_a_unit_manager_manages_only_the_users_of_their_units.py), and
a made-up link answers like a used one. No API operation of the accounts app takes an id: tokens are
revoked by their prefix on the command line. A new route that takes an id fails here first, as a
reminder that it must answer 404 for both."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from porras.api import api

ROUTES_WITH_IDS = {
    "set-password/<str:uidb64>/<str:token>/",
    *{f"users/<int:user_id>/{tail}" for tail in ("", "email/", "roles/", "roles/<int:membership_id>/remove/",
                                                  "active/", "unlock/", "second-factor/reset/", "password-link/")},
}


def _accounts_routes() -> list[str]:
    found: list[str] = []
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver) and resolver.namespace == "accounts":
            found += [str(p.pattern) for p in resolver.url_patterns if isinstance(p, URLPattern)]
    return found


def test_the_accounts_pages_that_take_an_id_are_known() -> None:
    routes = _accounts_routes()
    assert routes, "the accounts pages were not found"
    assert {r for r in routes if "<" in r} == ROUTES_WITH_IDS


@pytest.mark.django_db
@pytest.mark.parametrize("tail", ["", "email/", "roles/", "roles/1/remove/", "active/", "unlock/",
                                  "second-factor/reset/", "password-link/"])
def test_another_units_user_and_a_missing_one_answer_alike(cast, tail) -> None:
    client = Client()
    client.force_login(cast.manager_a)
    method = client.get if tail == "" else client.post
    theirs = method(f"/accounts/users/{cast.clinician_b.pk}/{tail}")
    missing = method(f"/accounts/users/99999999/{tail}")
    assert theirs.status_code == missing.status_code == 404


def test_the_accounts_api_operations_take_no_id() -> None:
    from porras.accounts.api import router

    paths = {path for path, _ in router.path_operations.items()}
    assert paths, "the accounts router has no operations"
    assert [p for p in paths if "{" in p] == []
    documented = api.get_openapi_schema()["paths"]
    assert all(f"/api/v1{p}" in documented for p in paths)
