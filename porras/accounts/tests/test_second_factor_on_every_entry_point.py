"""With ``PORRAS_REQUIRE_2FA`` on, neither the JSON API nor FHIR is a way around the second factor.

A web session signed in with the password alone gets 401 on every authenticated API and FHIR path;
no token is issued to a user who lacks a required device, and a token of such a user (issued before
the requirement was switched on) opens nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import CAST_PASSWORD
from porras.accounts import services
from porras.accounts.models import ApiToken, AuditEntry
from porras.care.models import SafetyPlan
from porras.care.tests.helpers import make_case
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings: Any) -> None:
    settings.PORRAS_REQUIRE_2FA = True


def _password_only_session(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": CAST_PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    return client


def _verified_session(user: Any) -> Client:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _secured_api_operations() -> list[tuple[str, str]]:
    from porras.api import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, operations in schema["paths"].items()
            for method, operation in operations.items() if operation.get("security")]


def _filled(path: str) -> str:
    # Authentication is decided before any parameter is read: any well-formed value will do.
    return re.sub(r"\{(\w+)\}", "00000000-0000-4000-8000-000000000000", path) if "{" in path else path


def test_a_password_only_session_gets_401_on_every_authenticated_api_operation(cast, required) -> None:
    client = _password_only_session("clinician_a")
    operations = _secured_api_operations()
    assert len(operations) > 30, "the OpenAPI document lists too few authenticated operations"
    answered = {f"{method} {path}": client.generic(method, _filled(path), "{}", content_type="application/json")
                .status_code for method, path in operations}
    assert {key: status for key, status in answered.items() if status != 401} == {}


def test_a_password_only_session_cannot_read_a_client_or_write_a_safety_plan(cast, required) -> None:
    case = make_case(cast.clinician_a)
    client = _password_only_session("clinician_a")
    audited = AuditEntry.objects.count()
    assert client.get(f"/api/v1/clients/{case.client.pk}").status_code == 401
    plan = {"warning_signs": "sleeplessness", "own_coping": "a walk", "people_and_places": "a sister",
            "professionals_and_crisis_lines": "the unit", "safe_surroundings": "medicines away"}
    response = client.post(f"/api/v1/episodes/{case.episode.pk}/safety-plan", json.dumps(plan),
                           content_type="application/json")
    assert response.status_code == 401
    assert not SafetyPlan.objects.exists()
    assert AuditEntry.objects.count() == audited, "nothing was read or written, so nothing is audited"


@pytest.mark.parametrize("path", ["/fhir/Observation", "/fhir/QuestionnaireResponse/00000000-0000-4000-8000-000000000000"])
def test_a_password_only_session_gets_401_from_fhir(cast, required, path: str) -> None:
    response = _password_only_session("clinician_a").get(path)
    assert response.status_code == 401
    assert response.json()["resourceType"] == "OperationOutcome"


def test_a_session_with_its_second_factor_verified_reaches_the_api_and_fhir(cast, required) -> None:
    client = _verified_session(cast.clinician_a)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/fhir/Observation").status_code == 200


def test_a_role_without_client_data_needs_no_second_factor_for_the_api(cast, required) -> None:
    assert _password_only_session("national_analyst").get("/api/v1/me").status_code == 200


def test_no_token_is_issued_to_a_user_without_a_required_device(cast, required) -> None:
    with pytest.raises(CommandError, match="second factor"):
        call_command("token", "create", "clinician_a")
    with pytest.raises(InputError, match="username"):
        services.issue_token("clinician_a", 30)
    assert not ApiToken.objects.filter(user=cast.clinician_a).exists()


def test_a_token_is_issued_once_the_user_has_a_device(cast, required, capsys) -> None:
    TOTPDevice.objects.create(user=cast.clinician_a, name="phone", confirmed=True)
    call_command("token", "create", "clinician_a")
    raw = capsys.readouterr().out.strip()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 200


def test_a_token_of_a_user_without_a_required_device_opens_nothing(cast, settings) -> None:
    _, raw = ApiToken.issue(cast.clinician_a, 30)  # issued while the requirement was off
    settings.PORRAS_REQUIRE_2FA = True
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/fhir/Observation").status_code == 401
    TOTPDevice.objects.create(user=cast.clinician_a, name="phone", confirmed=True)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/fhir/Observation").status_code == 200


def test_an_unconfirmed_device_is_no_second_factor(cast, required) -> None:
    _, raw = ApiToken.issue(cast.clinician_a, 30)
    TOTPDevice.objects.create(user=cast.clinician_a, name="phone", confirmed=False)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").status_code == 401
