"""Every URL of the web UI, the API and FHIR × every principal of the cast: the expected status.

The routes are read from the URL configuration and the OpenAPI document, so a new endpoint without a
row here fails the test (and so does a row whose endpoint is gone). Pages are fetched with a
session, the API and FHIR with each principal's bearer token; ``clinician_b``'s token is the token of
another unit. Every request runs in a savepoint that is rolled back, so that a write allowed to one
principal does not change what the next one sees. Unsafe API operations are sent an empty JSON
body unless a row gives a valid one: that proves no anonymous write, and the rows with bodies
prove the scoping of the writes that touch client data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.matrix_world import PRINCIPALS, api_operations, build_world, fill, web_routes

pytestmark = pytest.mark.django_db

EVERYONE = set(PRINCIPALS)
SIGNED_IN = EVERYONE - {"anonymous"}
CLIENT_A = {"clinician_a", "colleague_a", "manager_a"}  # client data of unit A (Kalasatama)
CLIENT_ANY = CLIENT_A | {"clinician_b", "county_manager_b", "ips_specialist"}  # client data somewhere
WRITE_ELSEWHERE = {"clinician_b", "county_manager_b"}  # may write client data, but not unit A's
READ_ELSEWHERE = CLIENT_ANY - CLIENT_A  # may read client data, but not unit A's
ASSESSMENT = {"clinician_a", "colleague_a", "clinician_b", "manager_a", "county_manager_b"}
CATALOGUE_ANY = {"manager_a", "county_manager_b", "admin"}
CATALOGUE_A = {"manager_a", "admin"}  # a Helsinki service
AGGREGATES = {"manager_a", "county_manager_b", "county_analyst", "national_analyst", "programme_manager", "admin"}
PROGRAMMES = {"programme_manager", "admin"}
IPS_FIDELITY_ANY = {"manager_a", "county_manager_b", "ips_specialist", "admin"}
IPS_FIDELITY_A = {"ips_specialist", "admin"}  # the Helsinki IPS service
USER_ADMINS = {"manager_a", "county_manager_b", "admin"}  # administrator everywhere, unit managers in their units
USER_ADMINS_A = {"manager_a", "admin"}  # a user of the Kalasatama unit
TRAINING = CLIENT_ANY - {"ips_specialist"} | {"admin"}  # keep training records: their own, or their staff's
SCORECARD_HELSINKI = {"county_analyst", "national_analyst", "programme_manager", "admin"}
TRAINING_A = {"clinician_a", "manager_a", "admin"}  # the Kalasatama professional's record


@dataclass
class Row:
    expected: dict[str, int]
    params: dict[str, str] = field(default_factory=dict)  # route parameter → key of world.ids
    query: str = ""
    body: Callable[[dict[str, Any]], Any] | None = None


def public(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(EVERYONE, status)


def page(allowed: set[str], ok: int = 200, denied: int = 403, anonymous: int = 302) -> dict[str, int]:
    """A page behind the login: anonymous is sent to log in; the rest by permission."""
    return {p: anonymous if p == "anonymous" else ok if p in allowed else denied for p in EVERYONE}


def api(allowed: set[str], ok: int = 200, denied: int = 403, anonymous: int = 401) -> dict[str, int]:
    return {p: anonymous if p == "anonymous" else ok if p in allowed else denied for p in EVERYONE}


def hidden(expected: dict[str, int], elsewhere: set[str]) -> dict[str, int]:
    """Another unit's client record answers as a missing one (404) to those with client access elsewhere."""
    return {p: 404 if p in elsewhere and status == 403 else status for p, status in expected.items()}


def signed_in_only(ok: int, anonymous: int) -> dict[str, int]:
    return {p: anonymous if p == "anonymous" else ok for p in EVERYONE}


EPISODE = {"episode_id": "episode_id"}
SELFCARE_EPISODE = {"episode_id": "selfcare_episode_id"}  # the demo episode with a guided programme
MANAGED_USER = {"user_id": "managed_user_id"}

WEB: dict[str, Row] = {
    "set_language": Row(public(302)),  # GET without a form goes back
    "web:home": Row(public()),
    "web:healthz": Row(public()),
    "web:livez": Row(public()),
    "web:favicon": Row(public(301)),
    "accounts:login": Row(public()),
    "accounts:verify": Row(public(302)),  # nothing pending: back to the login
    "accounts:logout": Row(public()),  # a page with the sign-out button; POST signs out
    "accounts:profile": Row(page(SIGNED_IN)),
    "accounts:totp_setup": Row(page(SIGNED_IN)),
    "accounts:audit": Row(page({"admin"})),
    "accounts:password_change": Row(page(SIGNED_IN)),
    "accounts:password_set": Row(public(), {"uidb64": "password_uid", "token": "password_token"}),
    "accounts:users": Row(page(USER_ADMINS)),
    "accounts:user_new": Row(page(USER_ADMINS)),
    # a Kalasatama user: the Kalasatama manager's and the administrator's; Pirkanmaa's manager gets 404
    "accounts:user": Row(hidden(page(USER_ADMINS_A), USER_ADMINS - USER_ADMINS_A), MANAGED_USER),
    **{f"accounts:{name}": Row(page(SIGNED_IN, ok=405), MANAGED_USER) for name in (  # POST only
        "user_email", "user_role_add", "user_active", "user_unlock", "user_second_factor_reset", "user_password_link")},
    "accounts:user_role_remove": Row(page(SIGNED_IN, ok=405), MANAGED_USER | {"membership_id": "membership_id"}),
    "instruments:list": Row(page(SIGNED_IN)),
    "instruments:fill": Row(page(SIGNED_IN), {"instrument_id": "instrument_id"}),
    "instruments:result": Row(page(set(), denied=404), {"response_id": "unknown_uuid"}),
    "navigator:start": Row(public()),
    "navigator:save": Row(public(405)),  # POST only
    "navigator:mine": Row(public()),  # the resident's own code: the form (the code only in a POST body)
    "navigator:delete": Row(public(405)),  # POST only
    "navigator:guardian": Row(public()),
    "navigator:opened_pdf": Row(public(405)),  # POST only: the professional's report by its code  # a guardian's own code: the form (the code only in a POST body)
    "navigator:open": Row(page(ASSESSMENT)),
    "navigator:professional": Row(page(ASSESSMENT)),
    "navigator:result_pdf": Row(public(405)),  # POST only: the result page's answers
    "navigator:saved_pdf": Row(public()),  # the form for a saved code; anonymous like the self-assessment
    "catalogue:search": Row(public()),
    "catalogue:detail": Row(public(), {"service_id": "service_id"}),
    "catalogue:manage": Row(page(CATALOGUE_ANY)),
    "catalogue:create": Row(page(CATALOGUE_ANY)),
    "catalogue:edit": Row(page(CATALOGUE_A), {"service_id": "service_id"}),
    "catalogue:status": Row(page(SIGNED_IN, ok=405), {"service_id": "service_id"}),  # POST only
    "care:worklist": Row(page(CLIENT_ANY)),
    "care:referral_new": Row(page(CLIENT_ANY - {"ips_specialist"})),
    "care:client": Row(hidden(page(CLIENT_A), READ_ELSEWHERE), {"client_id": "client_id"}),
    "care:episode": Row(hidden(page(CLIENT_A), READ_ELSEWHERE), EPISODE),
    **{f"care:{name}": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), EPISODE) for name in (
        "assessment", "step", "transfer", "end", "children", "appointment_new", "measurement_new", "safety_plan",
        "followup_new")},
    # prints: read like the episode page (the demo's first Kalasatama episode has a safety plan)
    **{f"care:{name}": Row(hidden(page(CLIENT_A), READ_ELSEWHERE), EPISODE) for name in (
        "safety_plan_copy", "safety_plan_pdf", "episode_summary", "episode_summary_pdf")},
    "care:find": Row(page(CLIENT_ANY)),
    "care:referral_from_assessment": Row(page(SIGNED_IN, ok=405)),  # POST only (the code never in a URL)
    **{f"care:{name}": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), EPISODE) for name in (
        "episode_void", "episode_correct")},
    **{f"care:measurement_{name}": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), {"measurement_id": "measurement_id"})
       for name in ("void", "correct")},
    **{f"care:appointment_{name}": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), {"appointment_id": "appointment_id"})
       for name in ("void", "correct")},
    "care:risk_flag_acknowledge": Row(page(SIGNED_IN, ok=405), {"flag_id": "flag_id"}),
    "care:followup_done": Row(page(SIGNED_IN, ok=405), {"followup_id": "followup_id"}),
    "care:appointment_status": Row(page(SIGNED_IN, ok=405), {"appointment_id": "appointment_id"}),
    "outcomes:dashboard": Row(page(AGGREGATES)),
    "outcomes:trend": Row(page(AGGREGATES)),
    "outcomes:compare": Row(page(AGGREGATES)),
    "outcomes:download": Row(page(AGGREGATES)),
    "programmes:portfolio": Row(public()),
    "programmes:entity": Row(public(), {"code": "entity_code"}),
    "programmes:project": Row(public(), {"code": "project_code"}),
    "programmes:funding": Row(public()),
    "programmes:timeline": Row(public()),
    "programmes:indicator": Row(public(), {"code": "indicator_code"}),
    "programmes:manage": Row(page(PROGRAMMES)),
    "programmes:entity_add": Row(page(PROGRAMMES)),
    "programmes:entity_edit": Row(page(PROGRAMMES), {"code": "entity_code"}),
    "programmes:project_add": Row(page(PROGRAMMES)),
    "programmes:project_edit": Row(page(PROGRAMMES), {"code": "project_code"}),
    "programmes:grant_add": Row(page(PROGRAMMES)),
    "programmes:grant_edit": Row(page(PROGRAMMES), {"code": "grant_code"}),
    "programmes:indicator_add": Row(page(PROGRAMMES)),
    "programmes:indicator_value_add": Row(page(PROGRAMMES), {"code": "indicator_code"}),
    "competence:methods": Row(public()),
    "competence:method": Row(public(), {"code": "method_code"}),
    "competence:training": Row(page(TRAINING)),
    "competence:training_new": Row(page(TRAINING)),
    "competence:training_import": Row(page(TRAINING)),
    "competence:training_edit": Row(hidden(page(TRAINING_A), TRAINING - TRAINING_A), {"pk": "training_record_id"}),
    "competence:capacity": Row(page(AGGREGATES)),
    "competence:scorecards": Row(page(AGGREGATES)),
    # a whole county's scorecard: county or national aggregate readers (a unit manager's are the unit's)
    "competence:scorecard": Row(hidden(page(SCORECARD_HELSINKI), {"county_manager_b"}), {"code": "capacity_area"}),
    "competence:scorecard_pdf": Row(hidden(page(SCORECARD_HELSINKI), {"county_manager_b"}), {"code": "capacity_area"}),
    "ips:caseload": Row(page({"ips_specialist"})),
    "ips:client": Row(page({"ips_specialist"}, denied=404), {"pk": "ips_path_id"}),
    "ips:services": Row(page(IPS_FIDELITY_ANY)),
    "ips:fidelity": Row(page(IPS_FIDELITY_A), {"code": "ips_service_code"}),
    "ips:fidelity_new": Row(page(IPS_FIDELITY_A), {"code": "ips_service_code"}),
    "ips:reports": Row(page(AGGREGATES | {"ips_specialist"})),
    "integrated:consultations": Row(page(CLIENT_ANY)),
    "integrated:consultation": Row(hidden(page(CLIENT_A), READ_ELSEWHERE), {"pk": "consultation_id"}),
    "integrated:ask": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), EPISODE),
    "integrated:reports": Row(page(AGGREGATES)),
    "integrated:team_add": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), EPISODE),
    "integrated:team_end": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), {"pk": "social_care_id"}),
    "integrated:somatic_new": Row(hidden(page(CLIENT_A), WRITE_ELSEWHERE), EPISODE),
    "integrated:somatic_due": Row(page(CLIENT_ANY)),
    # POST only (a button each): a GET answers 405 to anyone signed in
    "integrated:withdraw": Row(page(SIGNED_IN, ok=405), {"pk": "consultation_id"}),
    "integrated:acknowledge": Row(page(SIGNED_IN, ok=405), {"pk": "somatic_check_id"}),
    "integrated:risk_group_add": Row(page(SIGNED_IN, ok=405), EPISODE),
    "integrated:risk_group_remove": Row(page(SIGNED_IN, ok=405), {"pk": "risk_group_id"}),
    "selfcare:programmes": Row(public()),
    "selfcare:programme": Row(public(), {"programme_id": "programme_id"}),
    "selfcare:open_module": Row(public(), {"programme_id": "open_programme_id", "module_id": "module_id"}),
    "selfcare:open_save": Row(public(405), {"programme_id": "open_programme_id"}),  # POST only
    "selfcare:open_resume": Row(public()),  # the code only in a POST body
    "selfcare:sign_in": Row(public()),
    "selfcare:sign_out": Row(public(405)),  # POST only
    # the client's pages need a client's sign-in (from a code): everyone else is sent to sign in with one
    **{f"selfcare:{name}": Row(public(302)) for name in ("me", "me_messages", "me_questionnaire")},
    "selfcare:me_module": Row(public(302), {"module_id": "module_id"}),
    "selfcare:worklist": Row(page(CLIENT_ANY)),
    "selfcare:episode": Row(hidden(page(CLIENT_A), READ_ELSEWHERE), EPISODE),
    **{f"selfcare:{name}": Row(page(SIGNED_IN, ok=405), EPISODE) for name in (  # POST only
        "assign", "questionnaire_request", "reply")},
    **{f"selfcare:{name}": Row(page(SIGNED_IN, ok=405), SELFCARE_EPISODE | {"assignment_id": "assignment_id"})
       for name in ("revoke", "new_code")},
    "selfcare:feedback": Row(page(SIGNED_IN, ok=405),
                             SELFCARE_EPISODE | {"assignment_id": "assignment_id", "module_id": "module_id"}),
    "fhir:metadata": Row(public()),
    "fhir:questionnaire_search": Row(public()),
    "fhir:questionnaire_read": Row(public(), {"resource_id": "instrument_id"}),
    "fhir:fhir-healthcareservice-search": Row(public()),
    "fhir:fhir-healthcareservice-read": Row(public(), {"service_id": "service_id"}),
    "fhir:observation_search": Row(api(CLIENT_ANY)),
    "fhir:episode_of_care": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),  # GET; PUT in the write cases
    "fhir:questionnaire_response_create": Row(signed_in_only(405, 401)),  # POST only
    "fhir:questionnaire_response_read": Row(api(CLIENT_ANY, ok=404), {"resource_id": "unknown_uuid"}),
}


def _measurement(ids: dict[str, Any]) -> dict[str, Any]:
    return {"instrument": "phq9", "date": ids["today"], "answers": [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]}


def _client(ids: dict[str, Any]) -> dict[str, Any]:
    return {"identifier": {"system": "local", "value": "MATRIX-1"}, "birth_year": 1990, "sex": "female",
            "county": "helsinki", "language": "fi", "unit": "hki-kalasatama"}


def _episode_patch(ids: dict[str, Any]) -> dict[str, Any]:
    return {"version": ids["episode_version"], "step": 2}


def _consultation(ids: dict[str, Any]) -> dict[str, Any]:
    return {"specialist_unit": "hki-psykiatria", "question": "Matrix question", "urgency": "non_urgent",
            "preferred_form": "written_advice"}


EMPTY_BODY = api(set(), denied=422)  # schema validation answers before anything is read or written

API: dict[str, Row] = {
    "GET /api/v1/counties": Row(public()),
    "GET /api/v1/org": Row(api(SIGNED_IN)),
    "GET /api/v1/me": Row(api(SIGNED_IN)),
    "GET /api/v1/instruments": Row(public()),
    "GET /api/v1/instruments/{instrument_id}": Row(public(), {"instrument_id": "instrument_id"}),
    "POST /api/v1/instruments/{instrument_id}/score": Row(public(422), {"instrument_id": "instrument_id"}),
    "POST /api/v1/navigator": Row(public(422)),
    "POST /api/v1/navigator/assessments": Row(public(422)),
    "POST /api/v1/navigator/assessments/open": Row(
        api(ASSESSMENT), body=lambda ids: {"code": ids["assessment_code"]}),
    # the resident's own code is the key: anyone holding it (each request rolled back)
    "POST /api/v1/navigator/assessments/mine": Row(public(), body=lambda ids: {"code": ids["assessment_code"]}),
    "POST /api/v1/navigator/assessments/delete": Row(public(204), body=lambda ids: {"code": ids["assessment_code"]}),
    "POST /api/v1/navigator/assessments/guardian": Row(
        public(201), body=lambda ids: {"code": ids["guardian_code"], "guardian": {"concerns": ["anxiety"]}}),
    "GET /api/v1/services": Row(public()),
    "GET /api/v1/services/{service_id}": Row(public(), {"service_id": "service_id"}),
    "POST /api/v1/clients": Row(api(CLIENT_A, ok=201), body=_client),
    "GET /api/v1/clients": Row(api(CLIENT_ANY)),
    "POST /api/v1/clients/search": Row(api(CLIENT_ANY), body=lambda ids: {"system": "local", "value": "DEMO-0001"}),
    "GET /api/v1/clients/{client_id}": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), {"client_id": "client_id"}),
    "GET /api/v1/clients/{client_id}/episodes": Row(hidden(api(CLIENT_A), READ_ELSEWHERE),
                                                    {"client_id": "client_id"}),
    "POST /api/v1/episodes": Row(EMPTY_BODY),
    "POST /api/v1/episodes/from-assessment": Row(EMPTY_BODY),
    "GET /api/v1/episodes": Row(api(CLIENT_ANY)),
    "POST /api/v1/episodes/{episode_id}/void": Row(EMPTY_BODY, EPISODE),
    "POST /api/v1/episodes/{episode_id}/correct": Row(EMPTY_BODY, EPISODE),
    "GET /api/v1/episodes/{episode_id}/corrections": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "POST /api/v1/appointments/{appointment_id}/void": Row(EMPTY_BODY, {"appointment_id": "appointment_id"}),
    "POST /api/v1/appointments/{appointment_id}/correct": Row(EMPTY_BODY, {"appointment_id": "appointment_id"}),
    "POST /api/v1/measurements/{measurement_id}/void": Row(hidden(api(CLIENT_A), WRITE_ELSEWHERE),
                                                           {"measurement_id": "measurement_id"},
                                                           body=lambda ids: {"reason": "entered in error"}),
    "POST /api/v1/measurements/{measurement_id}/correct": Row(EMPTY_BODY, {"measurement_id": "measurement_id"}),
    "GET /api/v1/episodes/{episode_id}": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "PATCH /api/v1/episodes/{episode_id}": Row(hidden(api(CLIENT_A), WRITE_ELSEWHERE), EPISODE, body=_episode_patch),
    "POST /api/v1/episodes/{episode_id}/transfer": Row(EMPTY_BODY, EPISODE),
    "POST /api/v1/episodes/{episode_id}/appointments": Row(EMPTY_BODY, EPISODE),
    "GET /api/v1/episodes/{episode_id}/appointments": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "POST /api/v1/appointments/{appointment_id}/status": Row(EMPTY_BODY, {"appointment_id": "appointment_id"}),
    "POST /api/v1/episodes/{episode_id}/measurements": Row(hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), EPISODE,
                                                           body=_measurement),
    "GET /api/v1/episodes/{episode_id}/measurements": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "GET /api/v1/episodes/{episode_id}/risk-flags": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "POST /api/v1/risk-flags/{flag_id}/acknowledge": Row(EMPTY_BODY, {"flag_id": "flag_id"}),
    "GET /api/v1/episodes/{episode_id}/safety-plan": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    # an empty plan is valid in shape: the writer is authorised before the plan is found empty
    "POST /api/v1/episodes/{episode_id}/safety-plan": Row(hidden(api(CLIENT_A, ok=422), WRITE_ELSEWHERE), EPISODE),
    "POST /api/v1/episodes/{episode_id}/followups": Row(EMPTY_BODY, EPISODE),
    "POST /api/v1/followups/{followup_id}/done": Row(hidden(api(CLIENT_A), WRITE_ELSEWHERE),
                                                     {"followup_id": "followup_id"}),
    "GET /api/v1/followups/overdue": Row(api(CLIENT_ANY)),
    "GET /api/v1/worklist": Row(api(CLIENT_ANY)),
    "GET /api/v1/reports/outcomes": Row(api(AGGREGATES)),
    "GET /api/v1/reports/access": Row(api(AGGREGATES)),
    "POST /api/v1/episodes/{episode_id}/consultations": Row(hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), EPISODE,
                                                            body=_consultation),
    "GET /api/v1/episodes/{episode_id}/consultations": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "GET /api/v1/consultations": Row(api(CLIENT_ANY)),
    "GET /api/v1/consultations/{consultation_id}": Row(hidden(api(CLIENT_A), READ_ELSEWHERE),
                                                       {"consultation_id": "consultation_id"}),
    # only the specialist unit answers: nobody of the cast works there (the asking unit gets 404)
    "POST /api/v1/consultations/{consultation_id}/answer": Row(
        hidden(api(set()), CLIENT_A | WRITE_ELSEWHERE), {"consultation_id": "open_consultation_id"},
        body=lambda ids: {"answer": "Matrix answer", "outcome": "primary_care"}),
    "GET /api/v1/reports/consultations": Row(api(AGGREGATES)),
    # only the asking side withdraws (unit A); another unit's writers get 404
    "POST /api/v1/consultations/{consultation_id}/withdraw": Row(
        hidden(api(CLIENT_A), WRITE_ELSEWHERE), {"consultation_id": "open_consultation_id"}),
    "POST /api/v1/somatic-checks/{check_id}/acknowledge": Row(
        hidden(api(CLIENT_A), WRITE_ELSEWHERE), {"check_id": "somatic_check_id"}, body=lambda ids: {"note": "x"}),
    "POST /api/v1/episodes/{episode_id}/somatic-risk-groups": Row(
        hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), EPISODE, body=lambda ids: {"risk_group": "schizophrenia"}),
    "DELETE /api/v1/somatic-risk-groups/{group_id}": Row(
        hidden(api(CLIENT_A, ok=204), WRITE_ELSEWHERE), {"group_id": "risk_group_id"}),
    "POST /api/v1/episodes/{episode_id}/social-care": Row(EMPTY_BODY, EPISODE),
    "GET /api/v1/somatic-checks/items": Row(public()),
    "POST /api/v1/episodes/{episode_id}/somatic-checks": Row(
        hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), EPISODE,
        body=lambda ids: {"date": ids["today"], "values": {"weight": 70, "systolic": 120}}),
    "GET /api/v1/episodes/{episode_id}/somatic-checks": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "GET /api/v1/somatic-checks/due": Row(api(CLIENT_ANY)),
    "GET /api/v1/reports/somatic-checks": Row(api(AGGREGATES)),
    "GET /api/v1/episodes/{episode_id}/social-care": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "POST /api/v1/social-care/{member_id}/end": Row(
        hidden(api(CLIENT_A), WRITE_ELSEWHERE), {"member_id": "social_care_id"},
        body=lambda ids: {"end_date": ids["today"]}),
    "GET /api/v1/programmes": Row(public()),
    "GET /api/v1/programmes/strategy": Row(public()),
    "GET /api/v1/programmes/entities/{code}": Row(public(), {"code": "entity_code"}),
    "GET /api/v1/programmes/projects": Row(public()),
    "GET /api/v1/programmes/grants": Row(public()),
    "POST /api/v1/programmes/grants": Row(EMPTY_BODY),
    "GET /api/v1/programmes/reports/funding": Row(public()),
    "GET /api/v1/programmes/reports/timeline": Row(public()),
    "GET /api/v1/programmes/indicators": Row(public()),
    "GET /api/v1/programmes/indicators/{code}/history": Row(public(), {"code": "indicator_code"}),
    "POST /api/v1/programmes/indicators/{code}/values": Row(EMPTY_BODY, {"code": "indicator_code"}),
    "POST /api/v1/ips/fidelity/score": Row(public(422)),
    "GET /api/v1/ips/fidelity/scale": Row(public()),
    "GET /api/v1/methods": Row(public()),
    "GET /api/v1/competence/centres": Row(public()),
    "GET /api/v1/methods/{code}": Row(public(), {"code": "method_code"}),
    "GET /api/v1/training-records": Row(api(TRAINING)),
    "GET /api/v1/training-records/{pk}": Row(hidden(api(TRAINING_A), TRAINING - TRAINING_A),
                                             {"pk": "training_record_id"}),
    "POST /api/v1/training-records": Row(api(TRAINING_A, ok=201), body=lambda ids: {
        "professional": "ammattilainen", "unit": "hki-kalasatama", "method": "cool_kids"}),
    # a Helsinki figure: the Pirkanmaa manager reads aggregates, but not Helsinki's
    "GET /api/v1/competence/capacity/{area}": Row(hidden(api(AGGREGATES - {"county_manager_b"}), {"county_manager_b"}),
                                                  {"area": "capacity_area"}),
    "GET /api/v1/ips/services/{code}/fidelity": Row(api(IPS_FIDELITY_A), {"code": "ips_service_code"}),
    "POST /api/v1/ips/services/{code}/fidelity": Row(EMPTY_BODY, {"code": "ips_service_code"}),
    "GET /api/v1/ips/caseload": Row(api({"ips_specialist"})),
    "POST /api/v1/ips/clients": Row(EMPTY_BODY),
    "GET /api/v1/ips/clients/{pk}": Row(api({"ips_specialist"}, denied=404), {"pk": "ips_path_id"}),
    "PATCH /api/v1/ips/clients/{pk}": Row(EMPTY_BODY, {"pk": "ips_path_id"}),
    "POST /api/v1/ips/clients/{pk}/employer-contacts": Row(EMPTY_BODY, {"pk": "ips_path_id"}),
    "POST /api/v1/ips/clients/{pk}/employments": Row(EMPTY_BODY, {"pk": "ips_path_id"}),
    "GET /api/v1/ips/reports/employment": Row(api(AGGREGATES | {"ips_specialist"}), query="?periods=2025"),
    "GET /api/v1/selfcare/programmes": Row(public()),
    "GET /api/v1/selfcare/programmes/{programme_id}": Row(public(), {"programme_id": "programme_id"}),
    "POST /api/v1/episodes/{episode_id}/selfcare": Row(hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), EPISODE,
                                                       body=lambda ids: {"programme": "sleep"}),
    "GET /api/v1/episodes/{episode_id}/selfcare": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), EPISODE),
    "POST /api/v1/selfcare/assignments/{assignment_id}/code": Row(hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE),
                                                                  {"assignment_id": "assignment_id"}),
    "POST /api/v1/selfcare/assignments/{assignment_id}/revoke": Row(hidden(api(CLIENT_A), WRITE_ELSEWHERE),
                                                                    {"assignment_id": "assignment_id"}),
    "POST /api/v1/selfcare/assignments/{assignment_id}/feedback": Row(
        hidden(api(CLIENT_A), WRITE_ELSEWHERE), {"assignment_id": "assignment_id"},
        body=lambda ids: {"module": "start", "feedback": "Good start."}),
    "POST /api/v1/episodes/{episode_id}/questionnaire-requests": Row(
        hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), EPISODE, body=lambda ids: {"instrument": "phq9"}),
    "GET /api/v1/episodes/{episode_id}/messages": Row(hidden(api(CLIENT_A), READ_ELSEWHERE), SELFCARE_EPISODE),
    "POST /api/v1/episodes/{episode_id}/messages": Row(hidden(api(CLIENT_A, ok=201), WRITE_ELSEWHERE), SELFCARE_EPISODE,
                                                       body=lambda ids: {"body": "See you on Monday."}),
    "GET /api/v1/selfcare/worklist": Row(api(CLIENT_ANY)),
    "POST /api/v1/client-access": Row(public(422)),  # the code is the key: an empty body is refused for anyone
    # the client's own API answers only a client's token (from a code): no principal of the cast has one
    "GET /api/v1/me/programme": Row(public(401)),
    "POST /api/v1/me/modules/{module_id}": Row(public(401), {"module_id": "module_id"}),
    "POST /api/v1/me/measurements": Row(public(401)),
    "GET /api/v1/me/messages": Row(public(401)),
    "POST /api/v1/me/messages": Row(public(401)),
}


@pytest.fixture
def world() -> Any:
    from porras.accounts.models import ApiToken, User
    from porras.care.models import Episode

    built = build_world()
    ids = dict(built.ids)
    ids["unknown_uuid"] = "00000000-0000-4000-8000-000000000000"
    ids["today"] = timezone.localdate().isoformat()
    ids["episode_version"] = Episode.objects.get(pk=ids["episode_id"]).version
    users = {name: User.objects.get(username=username) for name, username in PRINCIPALS.items() if username}
    tokens = {name: ApiToken.issue(user, 1)[1] for name, user in users.items()}
    return ids, users, tokens


def test_every_route_has_a_row_and_every_row_a_route() -> None:
    web = {name for name, _ in web_routes()}
    api_ops = {f"{method} {path}" for method, path in api_operations()}
    assert sorted(web - set(WEB)) == [], "pages without a row in the permission matrix"
    assert sorted(api_ops - set(API)) == [], "API operations without a row in the permission matrix"
    assert sorted(set(WEB) - web) == [] and sorted(set(API) - api_ops) == [], "rows for routes that are gone"


def _status(client: Client, method: str, url: str, body: Any) -> int:
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        else:
            payload = "{}" if body is None else body
            text = payload if isinstance(payload, str) else json.dumps(payload)
            response = client.generic(method, url, text, content_type="application/json")
        transaction.set_rollback(True)
    return response.status_code


def test_every_principal_gets_the_expected_status_everywhere(world: Any) -> None:
    ids, users, tokens = world
    routes = dict(web_routes())
    mismatches: list[str] = []
    cells = 0
    for name, row in WEB.items():
        url = fill(routes[name], {param: ids[key] for param, key in row.params.items()}) + row.query
        bearer = name.startswith("fhir:")
        for principal, expected in row.expected.items():
            if principal == "anonymous":
                client = Client()
            elif bearer:
                client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens[principal]}")
            else:
                client = Client()
                client.force_login(users[principal])
            got = _status(client, "GET", url, None)
            cells += 1
            if got != expected:
                mismatches.append(f"{name} {url} as {principal}: expected {expected}, got {got}")
    for key, row in API.items():
        method, path = key.split(" ", 1)
        url = fill(path, {param: ids[k] for param, k in row.params.items()}) + row.query
        body = row.body(ids) if row.body else None
        for principal, expected in row.expected.items():
            headers = {} if principal == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {tokens[principal]}"}
            got = _status(Client(**headers), method, url, body)
            cells += 1
            if got != expected:
                mismatches.append(f"{key} as {principal}: expected {expected}, got {got}")
    assert cells == (len(WEB) + len(API)) * len(PRINCIPALS)
    assert not mismatches, f"{len(mismatches)} of {cells} cells differ:\n" + "\n".join(mismatches)


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)


def test_every_form_on_every_page_posts_with_a_csrf_token(world: Any) -> None:
    ids, users, _tokens = world
    routes = dict(web_routes())
    checked = 0
    missing: list[str] = []
    for name, row in WEB.items():
        if name.startswith("fhir:"):
            continue
        url = fill(routes[name], {param: ids[key] for param, key in row.params.items()}) + row.query
        for principal in ("anonymous", "clinician_a", "manager_a", "programme_manager", "ips_specialist", "admin"):
            if row.expected[principal] != 200:
                continue
            client = Client()
            if principal != "anonymous":
                client.force_login(users[principal])
            response = client.get(url)
            if not response["Content-Type"].startswith("text/html"):
                continue  # a PDF: no forms
            html = response.content.decode()
            for attributes, body in FORM.findall(html):
                if "post" not in attributes.lower():
                    continue
                checked += 1
                if "csrfmiddlewaretoken" not in body:
                    missing.append(f"{name} as {principal}: <form{attributes}>")
    assert checked > 20, "too few forms were found for the check to mean anything"
    assert not missing, missing
