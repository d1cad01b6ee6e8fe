"""Every write with one invalid field writes nothing: no row in any table, no audit entry.

"Every web form and API write is one transaction": each write operation of the OpenAPI document
(POST, PUT, PATCH, DELETE) and each POST form of the web UI is sent, as a user allowed to write
there, a request that would succeed but for one invalid field (several such requests where one field
is checked late, after something else could have been written). Before and after, the rows of every
table are counted and the audit log is read. The same request with the field valid must succeed
(the control), which proves that the invalid request got as far as the code lets it.

The operations and forms are read from the OpenAPI document and from the pages of the URL
configuration (every ``<form method="post">`` on every page the permission matrix visits, and every
POST-only route), so a new one without a case here fails the first tests.

An attempt refused is audited as such where the conventions ask for it (a wrong assessment code);
entries with the outcome ``denied`` or ``failed`` are therefore not counted as writes. For the same
reason the rate-limit counters (RATE_LIMIT_TABLES) are not: counting a refused attempt is their point.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from porras.accounts.demo import DEMO_PASSWORD
from tests.matrix_world import PRINCIPALS, api_operations, build_world, fill, web_routes
from tests.test_permission_matrix import WEB

Ids = dict[str, Any]
Body = Callable[[Ids], dict[str, Any]]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
DENIED_OR_FAILED = ("denied", "failed")


def _not_a_write(action: str, outcome: str) -> bool:
    """A refusal, or the read of the page shown again with its errors."""
    return outcome in DENIED_OR_FAILED or bool({"read", "list", "search"} & set(action.split(".")))


def _days(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


TODAY, FUTURE, LONG_AGO = _days(0), _days(40), "1970-01-01"


# ---------------------------------------------------------------------------------------------
# The world: the demo data, built once for the module inside a transaction rolled back at its end.


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Ids]:
    with django_db_blocker.unblock(), transaction.atomic():
        from porras.accounts.models import Unit
        from porras.care.models import Appointment, Episode
        from porras.ips.models import ClientPath
        from porras.programmes.models import ProgrammeEntity

        ids = dict(build_world().ids)
        ids["unknown_uuid"] = "00000000-0000-4000-8000-000000000000"
        episode = Episode.objects.get(pk=ids["episode_id"])
        ids["episode_version"] = episode.version
        ids["quiet_episode_version"] = Episode.objects.get(pk=ids["quiet_episode_id"]).version
        ids["referral_date"] = episode.referral_date.isoformat()
        ids["episode_step"] = str(episode.step)
        ids["before_referral"] = (episode.referral_date - dt.timedelta(days=1)).isoformat()
        booked = Appointment.objects.filter(episode=episode, status="booked").order_by("pk").first()
        assert booked is not None, "the demo's episode has a booked appointment"
        ids["booked_appointment_id"] = booked.pk
        entity = ProgrammeEntity.objects.get(code=ids["entity_code"])
        ids["entity_pk"], ids["programme_pk"] = entity.pk, entity.programme_id
        ids["ips_unit_pk"] = Unit.objects.get(code=ids["ips_service_code"]).pk
        path = ClientPath.objects.get(pk=ids["ips_path_id"])
        ids["ips_path_version"] = path.version
        ids["before_agreement"] = (path.agreement_date - dt.timedelta(days=1)).isoformat()
        yield ids
        transaction.set_rollback(True)


def _client_of(principal: str) -> Client:
    from porras.accounts.models import ApiToken, User

    if principal == "anonymous":
        return Client()
    if principal == "demo_client":  # the demo's client, signed in with the demo code (porras.selfcare.demo)
        signed_in = Client().post("/api/v1/client-access", json.dumps({"code": "DEMO-DEMO-DEMO"}),
                                  content_type="application/json")
        return Client(HTTP_AUTHORIZATION=f"Bearer {signed_in.json()['token']}")
    # a principal of the cast, or a demo user outside it (the demo specialist who answers consultations)
    user = User.objects.get(username=PRINCIPALS.get(principal, principal))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user, 1)[1]}")
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------
# What changed: rows of every table, and the audit entries written (refusals apart).


# Tables that count refused attempts on purpose (the navigator's code look-up limit).
RATE_LIMIT_TABLES = {"navigator_attemptcounter"}


def _snapshot() -> tuple[dict[str, int], int]:
    from porras.accounts.models import AuditEntry

    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in RATE_LIMIT_TABLES:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from the database
            counts[table] = cursor.fetchone()[0]
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    return counts, last


def _changes(before: tuple[dict[str, int], int]) -> list[str]:
    from porras.accounts.models import AuditEntry

    counts_before, last_seq = before
    counts_after, _ = _snapshot()
    new_entries = list(AuditEntry.objects.filter(seq__gt=last_seq).order_by("seq").values_list("action", "outcome"))
    counts_after["accounts_auditentry"] -= sum(1 for a, o in new_entries if _not_a_write(a, o))
    changes = [f"{t}: {counts_before.get(t)} -> {n}" for t, n in counts_after.items() if counts_before.get(t) != n]
    changes += [f"audit entry {a} ({o})" for a, o in new_entries if not _not_a_write(a, o)]
    return changes


# ---------------------------------------------------------------------------------------------
# API operations.


@dataclass
class ApiCase:
    principal: str
    body: Body  # valid
    invalid: dict[str, Any]  # field → an invalid value; each sent alone
    params: dict[str, str] = field(default_factory=dict)  # route parameter → key of the world's ids
    content_type: str = "application/json"


_EXT = "https://porras.example/fhir/StructureDefinition/"
FHIR_UPDATES = ("fhir:episode_of_care",)  # FHIR routes that take PUT beside GET


def _episode_of_care(ids: Ids) -> dict[str, Any]:
    return {"resourceType": "EpisodeOfCare", "id": str(ids["episode_id"]),
            "meta": {"versionId": str(ids["episode_version"])}, "status": "active",
            "patient": {"reference": "Patient/1"},
            "extension": [{"url": f"{_EXT}episode-minor-children", "valueCode": "no"}]}


def _score(ids: Ids) -> dict[str, Any]:
    return {"answers": [1, 1, 1, 1, 1, 1, 1, 1, 0]}


def _navigator(ids: Ids) -> dict[str, Any]:
    return {"age": 30, "sex": "female", "county": "helsinki", "language": "fi", "concerns": ["depression"],
            "scores": {"phq9": {"total": 12}}}


def _client(ids: Ids) -> dict[str, Any]:
    return {"identifier": {"system": "local", "value": "PARTIAL-WRITE-1"}, "birth_year": 1990, "sex": "female",
            "county": "helsinki", "language": "fi", "unit": "hki-kalasatama"}


def _episode(ids: Ids) -> dict[str, Any]:
    # the demo's client has an open episode in the unit: a second one is opened only with a reason
    return {"client_id": ids["client_id"], "unit": "hki-kalasatama", "referral_date": TODAY,
            "concerns": ["depression"], "referral_source": "self", "second_episode_reason": "a second course"}


def _grant(ids: Ids) -> dict[str, Any]:
    return {"code": "partial-write-grant", "entity": ids["entity_code"], "amount_eur": 1000, "year": 2024,
            "source": "test", "period_start": "2024-01-01", "period_end": "2024-12-31"}


def _path(ids: Ids) -> dict[str, Any]:
    return {"service": ids["ips_service_code"], "client_code": "PARTIAL-IPS-1", "agreement_date": _days(-30),
            "vocational_profile_date": _days(-20)}


def _gad7(code: str = "LA6569-3") -> list[dict[str, Any]]:
    return [{"linkId": str(n), "answer": [{"valueCoding": {"code": code}}]} for n in range(1, 8)]


def _questionnaire_response(ids: Ids) -> dict[str, Any]:
    return {"resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": "https://porras.example/fhir/Questionnaire/gad7", "authored": TODAY, "item": _gad7()}


EPISODE = {"episode_id": "episode_id"}
QUIET_EPISODE = {"episode_id": "quiet_episode_id"}
BOOKED = {"appointment_id": "booked_appointment_id"}
MEASUREMENT = {"measurement_id": "measurement_id"}
IPS_PATH = {"pk": "ips_path_id"}


def _from_assessment(ids: Ids) -> dict[str, Any]:
    return {"code": ids["assessment_code"], "referral_date": TODAY, "concerns": ["depression"],
            "client": {"identifier": {"system": "local", "value": "PARTIAL-WRITE-3"}, "birth_year": 1990,
                       "sex": "female", "county": "helsinki", "unit": "hki-kalasatama"}}

API_CASES: dict[str, ApiCase] = {
    "POST /api/v1/instruments/{instrument_id}/score": ApiCase(
        "clinician_a", _score, {"answers": [1, 1, 1, 1, 1, 1, 1, 1, 7]}, {"instrument_id": "instrument_id"}),
    "POST /api/v1/navigator": ApiCase("anonymous", _navigator, {"age": -5, "concerns": ["no-such-concern"]}),
    "POST /api/v1/navigator/assessments": ApiCase(
        "anonymous", _navigator, {"age": -5, "concerns": ["no-such-concern"], "county": "no-such-county"}),
    "POST /api/v1/navigator/assessments/open": ApiCase(
        "clinician_a", lambda ids: {"code": ids["assessment_code"]}, {"code": "ZZZZZZZZZZZZ"}),
    "POST /api/v1/navigator/assessments/mine": ApiCase(
        "anonymous", lambda ids: {"code": ids["assessment_code"]}, {"code": "ZZZZZZZZZZZZ"}),
    "POST /api/v1/navigator/assessments/delete": ApiCase(
        "anonymous", lambda ids: {"code": ids["assessment_code"]}, {"code": "ZZZZZZZZZZZZ"}),
    "POST /api/v1/navigator/assessments/guardian": ApiCase(
        "anonymous", lambda ids: {"code": ids["guardian_code"], "guardian": {"concerns": ["anxiety"]}},
        {"code": "ZZZZZZZZZZZZ", "guardian": {"concerns": ["no-such-concern"], "risk": {"self_harm": "yes"}}}),
    "POST /api/v1/clients": ApiCase(
        "clinician_a", _client, {"unit": "no-such-unit", "county": "no-such-county", "birth_year": 1700,
                                 "identifier": {"system": "hetu", "value": "131052-308X"}}),
    "POST /api/v1/clients/search": ApiCase(
        "clinician_a", lambda ids: {"system": "local", "value": "DEMO-0001"},
        {"system": "no-such-system", "value": "x" * 101}),
    "POST /api/v1/episodes/from-assessment": ApiCase(
        "clinician_a", _from_assessment, {"referral_date": FUTURE, "concerns": ["no-such-concern"],
                                          "code": "ZZZZZZZZZZZZ",
                                          "client": {"identifier": {"system": "local", "value": "PARTIAL-WRITE-3"},
                                                     "birth_year": 1990, "county": "helsinki",
                                                     "unit": "no-such-unit"}}),
    "POST /api/v1/episodes/{episode_id}/void": ApiCase(
        "clinician_a", lambda ids: {"version": ids["quiet_episode_version"], "reason": "entered in error"},
        {"reason": "", "version": 0}, QUIET_EPISODE),
    "POST /api/v1/episodes/{episode_id}/correct": ApiCase(
        "clinician_a", lambda ids: {"version": ids["episode_version"], "reason": "a self-referral",
                                    "referral_source": "self"},
        {"referral_date": FUTURE, "concerns": ["no-such-concern"], "reason": ""}, EPISODE),
    "POST /api/v1/appointments/{appointment_id}/void": ApiCase(
        "clinician_a", lambda ids: {"reason": "booked for the wrong client"}, {"reason": ""}, BOOKED),
    "POST /api/v1/appointments/{appointment_id}/correct": ApiCase(
        "clinician_a", lambda ids: {"reason": "another day", "date": _days(3)},
        {"status": "no-such-status", "date": LONG_AGO, "reason": ""}, BOOKED),
    "POST /api/v1/measurements/{measurement_id}/void": ApiCase(
        "clinician_a", lambda ids: {"reason": "entered in error"}, {"reason": ""}, MEASUREMENT),
    "POST /api/v1/measurements/{measurement_id}/correct": ApiCase(
        "clinician_a", lambda ids: {"reason": "the wrong day", "date": TODAY},
        {"answers": [9] * 7, "date": "ids:before_referral", "reason": ""}, MEASUREMENT),
    "POST /api/v1/episodes": ApiCase(
        "clinician_a", _episode, {"referral_date": FUTURE, "concerns": ["no-such-concern"], "unit": "no-such-unit",
                                  "referral_source": "no-such-source"}),
    "PATCH /api/v1/episodes/{episode_id}": ApiCase(
        "clinician_a", lambda ids: {"version": ids["episode_version"], "step": 2, "end_date": None},
        {"step": 9, "intervention": "no-such-intervention", "end_date": "ids:before_referral",
         "minor_children": "maybe", "children_discussed_date": "ids:before_referral", "family_service": 999999},
        EPISODE),
    "POST /api/v1/episodes/{episode_id}/transfer": ApiCase(
        "manager_a", lambda ids: {"version": ids["episode_version"], "to_unit": "hki-opiskeluterveys", "date": TODAY,
                                  "reason": "test"},
        {"to_unit": "no-such-unit"}, EPISODE),
    "POST /api/v1/episodes/{episode_id}/appointments": ApiCase(
        "clinician_a", lambda ids: {"date": TODAY, "kind": "treatment", "status": "attended"},
        {"kind": "no-such-kind", "status": "no-such-status"}, EPISODE),
    "POST /api/v1/appointments/{appointment_id}/status": ApiCase(
        "clinician_a", lambda ids: {"status": "cancelled"}, {"status": "no-such-status"},
        {"appointment_id": "booked_appointment_id"}),
    "POST /api/v1/episodes/{episode_id}/measurements": ApiCase(
        "clinician_a", lambda ids: {"instrument": "phq9", "date": TODAY, "answers": [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]},
        {"answers": [1, 1, 1, 1, 1, 1, 1, 1, 1, 9], "appointment_id": 999999999, "instrument": "no-such-instrument"},
        EPISODE),
    "POST /api/v1/risk-flags/{flag_id}/acknowledge": ApiCase(
        "clinician_a", lambda ids: {"note": "assessed"}, {"note": ""}, {"flag_id": "flag_id"}),
    "POST /api/v1/episodes/{episode_id}/safety-plan": ApiCase(
        "clinician_a", lambda ids: {"warning_signs": "sleeplessness", "own_coping": "a walk"},
        {"warning_signs": 5}, EPISODE),
    "POST /api/v1/episodes/{episode_id}/followups": ApiCase(
        "clinician_a", lambda ids: {"reason": "self_harm", "contact_date": TODAY},
        {"reason": "no-such-reason", "contact_date": FUTURE}, EPISODE),
    "POST /api/v1/followups/{followup_id}/done": ApiCase(
        "clinician_a", lambda ids: {"note": "called"}, {"note": 5}, {"followup_id": "followup_id"}),
    "POST /api/v1/programmes/grants": ApiCase(
        "programme_manager", _grant, {"project": "no-such-project", "entity": "no-such-entity",
                                      "period_end": "2023-01-01", "year": 1980, "decision_date": "0001-01-01",
                                      "decision": "D" * 121}),
    "POST /api/v1/programmes/indicators/{code}/values": ApiCase(
        "programme_manager", lambda ids: {"on": "2024-06-01", "value": 5, "kind": "measured", "source": "test"},
        {"value": "many", "kind": "no-such-kind", "on": "9999-12-31"}, {"code": "indicator_code"}),
    "POST /api/v1/training-records": ApiCase(
        "manager_a", lambda ids: {"professional": "kollega", "unit": "hki-kalasatama", "method": "cool_kids",
                                  "started_on": _days(-100), "completed_on": _days(-10),
                                  "training_cases": [ids["episode_id"]]},
        {"completed_on": FUTURE, "training_cases": [999_999_999], "method": "no_such_method",
         "supervision_sessions": -1, "unit": "hki-ips"}),
    "POST /api/v1/ips/fidelity/score": ApiCase(
        "anonymous", lambda ids: {"items": [3] * 25}, {"items": [3] * 24 + [9]}),
    "POST /api/v1/ips/services/{code}/fidelity": ApiCase(
        "ips_specialist", lambda ids: {"review_date": TODAY, "items": [3] * 25, "reviewers": "A and B"},
        {"items": [3] * 24 + [9], "review_date": FUTURE}, {"code": "ips_service_code"}),
    "POST /api/v1/ips/clients": ApiCase(
        "ips_specialist", _path, {"service": "no-such-service", "episode_code": "x" * 61, "agreement_date": LONG_AGO,
                                  "vocational_profile_date": _days(-40)}),
    "PATCH /api/v1/ips/clients/{pk}": ApiCase(
        "ips_specialist", lambda ids: {"version": ids["ips_path_version"], "vocational_profile_date": TODAY},
        {"exit_date": "ids:before_agreement", "vocational_profile_date": "ids:before_agreement",
         "episode_code": "x" * 61}, IPS_PATH),
    "POST /api/v1/ips/clients/{pk}/employer-contacts": ApiCase(
        "ips_specialist", lambda ids: {"contact_date": TODAY, "employer": "Firm Oy"},
        {"employer": "", "contact_date": "ids:before_agreement"}, IPS_PATH),
    "POST /api/v1/ips/clients/{pk}/employments": ApiCase(
        "ips_specialist", lambda ids: {"employer": "Firm Oy", "start_date": TODAY, "hours_per_week": 20},
        {"end_date": "ids:before_agreement", "hours_per_week": 200, "employer": "", "hourly_pay": 123456.78},
        IPS_PATH),
    "POST /api/v1/episodes/{episode_id}/consultations": ApiCase(
        "clinician_a", lambda ids: {"specialist_unit": "hki-psykiatria", "question": "Onko syytä arvioida?",
                                    "urgency": "urgent", "preferred_form": "written_advice"},
        {"specialist_unit": "pirha-paihde", "question": "", "urgency": "now", "preferred_form": "letter"}, EPISODE),
    "POST /api/v1/consultations/{consultation_id}/answer": ApiCase(
        "psykiatri", lambda ids: {"answer": "Jatkakaa perustasolla.", "outcome": "primary_care"},
        {"answer": "", "outcome": "elsewhere"}, {"consultation_id": "open_consultation_id"}),
    "POST /api/v1/episodes/{episode_id}/social-care": ApiCase(
        "clinician_a", lambda ids: {"category": "social_work", "professional": "Sosiaalityöntekijä",
                                    "contact": "09 1234", "start_date": TODAY},
        {"category": "health_care_mental_health", "professional": "", "start_date": FUTURE,
         "service": "00000000-0000-4000-8000-000000000000", "contact": "x" * 201}, EPISODE),
    "POST /api/v1/episodes/{episode_id}/somatic-checks": ApiCase(
        "clinician_a", lambda ids: {"date": TODAY, "values": {"weight": 70, "systolic": 120}},
        {"date": FUTURE, "values": {"weight": 4000}}, EPISODE),
    "POST /api/v1/consultations/{consultation_id}/withdraw": ApiCase(  # no input
        "clinician_a", lambda ids: {}, {}, {"consultation_id": "open_consultation_id"}),
    "POST /api/v1/somatic-checks/{check_id}/acknowledge": ApiCase(
        "clinician_a", lambda ids: {"note": "Lähete lääkärille"}, {"note": "x" * 501}, {"check_id": "somatic_check_id"}),
    "POST /api/v1/episodes/{episode_id}/somatic-risk-groups": ApiCase(
        "clinician_a", lambda ids: {"risk_group": "schizophrenia"}, {"risk_group": "bipolar"}, EPISODE),
    "DELETE /api/v1/somatic-risk-groups/{group_id}": ApiCase(  # no input
        "clinician_a", lambda ids: {}, {}, {"group_id": "risk_group_id"}),
    "POST /api/v1/social-care/{member_id}/end": ApiCase(
        "clinician_a", lambda ids: {"end_date": TODAY}, {"end_date": FUTURE}, {"member_id": "social_care_id"}),
    "POST /api/v1/episodes/{episode_id}/selfcare": ApiCase(
        "clinician_a", lambda ids: {"programme": "sleep"},
        {"programme": "no-such-programme", "exclusions": ["no-such-criterion"], "override_reason": "x" * 2001},
        EPISODE),
    "POST /api/v1/selfcare/assignments/{assignment_id}/code": ApiCase(  # no input
        "clinician_a", lambda ids: {}, {}, {"assignment_id": "assignment_id"}),
    "POST /api/v1/selfcare/assignments/{assignment_id}/revoke": ApiCase(  # no input
        "clinician_a", lambda ids: {}, {}, {"assignment_id": "assignment_id"}),
    "POST /api/v1/selfcare/assignments/{assignment_id}/feedback": ApiCase(
        "clinician_a", lambda ids: {"module": "start", "feedback": "A good start."},
        {"module": "sort", "feedback": ""}, {"assignment_id": "assignment_id"}),
    "POST /api/v1/episodes/{episode_id}/questionnaire-requests": ApiCase(
        "clinician_a", lambda ids: {"instrument": "phq9"}, {"instrument": "no-such-instrument"}, EPISODE),
    "POST /api/v1/episodes/{episode_id}/messages": ApiCase(
        "clinician_a", lambda ids: {"body": "See you on Monday."}, {"body": ""}, {"episode_id": "selfcare_episode_id"}),
    "POST /api/v1/client-access": ApiCase(
        "anonymous", lambda ids: {"code": "DEMO-DEMO-DEMO"}, {"code": "ZZZZ-ZZZZ-ZZZZ"}),
    "POST /api/v1/me/modules/{module_id}": ApiCase(
        "demo_client", lambda ids: {"answers": {"worry_topics": "money"}},
        {"answers": {"no_such_exercise": "x"}, "complete": "maybe"}, {"module_id": "module_id"}),
    "POST /api/v1/me/measurements": ApiCase(
        "demo_client", lambda ids: {"instrument": "gad7", "answers": [0] * 7},
        {"instrument": "phq9", "answers": [9] * 7, "module": "sort"}),
    "POST /api/v1/me/messages": ApiCase("demo_client", lambda ids: {"body": "Thank you."}, {"body": ""}),
    # FHIR's one write (not in the OpenAPI document).
    "POST /fhir/QuestionnaireResponse": ApiCase(
        "clinician_a", _questionnaire_response,
        {"item": _gad7("LA-no-such-code"), "encounter": {"reference": "EpisodeOfCare/999999999"},
         "status": "no-such-status"}, content_type="application/fhir+json"),
    # FHIR's update of an episode: the children of the client as extensions.
    "PUT /fhir/EpisodeOfCare/<int:episode_id>": ApiCase(
        "clinician_a", _episode_of_care,
        {"extension": [{"url": f"{_EXT}episode-minor-children", "valueCode": "maybe"}],
         "id": "999999999", "meta": {"versionId": "x"}},
        EPISODE, content_type="application/fhir+json"),
}


def _value(value: Any, ids: Ids) -> Any:
    if isinstance(value, str) and value.startswith("ids:"):
        return ids[value[4:]]
    return value


def _api_params() -> list[Any]:
    params = []
    for key, case in API_CASES.items():
        for name in case.invalid:
            params.append(pytest.param(key, name, id=f"{key} [{name}]"))
    return params


def test_every_write_operation_of_the_api_and_fhir_has_a_case() -> None:
    operations = {f"{m} {p}" for m, p in api_operations() if m in WRITE_METHODS}
    routes = dict(web_routes())
    operations |= {f"POST {routes[name]}" for name, row in WEB.items()  # FHIR's POST-only routes
                   if name.startswith("fhir:") and 405 in row.expected.values()}
    operations |= {f"PUT {routes[name]}" for name in FHIR_UPDATES}  # FHIR's read-and-update routes
    assert sorted(operations - set(API_CASES)) == [], "write operations without a case"
    assert sorted(set(API_CASES) - operations) == [], "cases of operations that are gone"


def _send(client: Client, method: str, url: str, body: dict[str, Any], content_type: str) -> Any:
    return client.generic(method, url, json.dumps(body), content_type=content_type)


@pytest.mark.django_db
@pytest.mark.parametrize(("operation", "invalid_field"), _api_params())
def test_an_api_write_with_one_invalid_field_writes_nothing(world: Ids, operation: str, invalid_field: str) -> None:
    case = API_CASES[operation]
    method, path = operation.split(" ", 1)
    url = fill(path, {param: world[key] for param, key in case.params.items()})
    client = _client_of(case.principal)
    body = case.body(world) | {invalid_field: _value(case.invalid[invalid_field], world)}

    before = _snapshot()
    response = _send(client, method, url, body, case.content_type)
    changes = _changes(before)
    assert changes == [], f"{operation} with {invalid_field} invalid answered {response.status_code} but wrote: {changes}"
    assert 400 <= response.status_code < 500, f"{operation} accepted {invalid_field}: {response.status_code}"

    control = _send(client, method, url, case.body(world), case.content_type)
    assert control.status_code < 300, (
        f"the control (the same body with {invalid_field} valid) must succeed: {control.status_code} "
        f"{control.content[:300]!r}")


# ---------------------------------------------------------------------------------------------
# Web forms.


class _Forms(HTMLParser):
    """The POST forms of a page, each with its action and the values a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: str | None = None
        self._select_first: tuple[str, str] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""), "data": []}
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["data"].append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "reset", "image", "file"):
                self._form["data"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = (self._select, value)
            if "selected" in a:
                self._form["data"].append((self._select, value))
                self._select_first = ("", "")  # chosen
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["data"].append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None:
            name, text = self._form["data"][-1]
            self._form["data"][-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._form is not None:
            if self._select_first and self._select_first[0]:
                self._form["data"].append(self._select_first)
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _post_forms(html: str, page_url: str) -> dict[str, dict[str, Any]]:
    """The page's POST forms by key: the action's URL name, and ``[action=…]`` where a hidden field
    ``action`` tells forms with the same target apart."""
    parser = _Forms()
    parser.feed(html)
    found = {}
    for form in parser.forms:
        if form["method"] != "post":
            continue
        url = urlsplit(form["action"] or page_url).path
        key = resolve(url).view_name
        kind = dict(form["data"]).get("action")
        if kind:
            key += f"[action={kind}]"
        found[key] = {"url": url, "data": [(k, v) for k, v in form["data"] if k != "csrfmiddlewaretoken"]}
    return found


@dataclass
class FormCase:
    principal: str
    page: str  # the URL name of the page that shows the form
    invalid: dict[str, Any]  # field → an invalid value; each sent alone
    valid: dict[str, Any] = field(default_factory=dict)  # what the page leaves empty, filled validly
    page_params: dict[str, str] = field(default_factory=dict)
    page_query: str = ""
    url: str | None = None  # URL name of a form no page shows to this user: posted with ``valid`` alone
    success: tuple[int, ...] = (302,)
    refused: tuple[int, ...] = (200, 400, 404, 422, 429)  # how the view answers a refused form
    # Where the answer alone does not tell success from refusal: what the form changes, read before and after.
    state: Callable[[Ids], Any] | None = None


# Views that answer a refused form by a redirect back with a message, like a success.
REDIRECT = (302,)


def _service_status(ids: Ids) -> Any:
    from porras.catalogue.models import Service

    return Service.objects.get(uuid=ids["service_id"]).status


def _flag_state(ids: Ids) -> Any:
    from porras.care.models import RiskFlag

    return RiskFlag.objects.get(pk=ids["flag_id"]).acknowledged_at


def _feedback_state(ids: Ids) -> Any:
    from porras.selfcare.models import ModuleProgress

    return ModuleProgress.objects.get(assignment_id=ids["assignment_id"], module="start").feedback_at


def _acknowledged_state(ids: Ids) -> Any:
    from porras.integrated.models import SomaticCheck

    return SomaticCheck.objects.get(pk=ids["somatic_check_id"]).acknowledged_at


def _risk_group_state(ids: Ids) -> Any:
    from porras.integrated.models import SomaticRiskGroup

    return sorted(SomaticRiskGroup.objects.filter(episode_id=ids["episode_id"]).values_list("risk_group", flat=True))


def _appointment_state(ids: Ids) -> Any:
    from porras.care.models import Appointment

    return Appointment.objects.get(pk=ids["booked_appointment_id"]).status


# Forms without a field that could be invalid.
NO_INPUT = {"accounts:logout": "logging out takes no input",
            "accounts:user_role_remove": "the role to remove is in the address (404 for another's)",
            "accounts:user_unlock": "unlocking takes no input",
            "accounts:user_second_factor_reset": "resetting the second factor takes no input",
            "accounts:user_password_link": "making a link takes no input",
            "care:followup_done": "its one field, a note, is free text without a limit",
            "selfcare:open_save": "saving takes no input: the progress is the browser session's",
            "selfcare:sign_out": "signing out takes no input",
            "selfcare:revoke": "revoking takes no input",
            "selfcare:new_code": "a new code takes no input",
            "integrated:withdraw": "withdrawing a question takes no input",
            "integrated:risk_group_remove": "the group to remove is in the address (404 for another's)"}

SERVICE = {"service_id": "service_id"}
SERVICE_FIELDS = {"name_fi": "Palvelu", "name_sv": "Tjänst", "description_fi": "Kuvaus", "description_sv": "Beskrivning",
                  "categories": "guidance_counselling", "steps": "1", "channels": "in_person", "age_groups": "adults",
                  "languages": "fi"}
ENTITY = {"code": "entity_code"}
PROJECT = {"code": "project_code"}
GRANT = {"code": "grant_code"}
INDICATOR = {"code": "indicator_code"}
PATH_PAGE = {"pk": "ips_path_id"}
MANAGED_USER = {"user_id": "managed_user_id"}
OPEN_MODULE = {"programme_id": "open_programme_id", "module_id": "module_id"}

FORM_CASES: dict[str, FormCase] = {
    # Django's own view: an unknown language is ignored and the page shown again (a cookie, no row).
    "set_language": FormCase("anonymous", "web:home", {"language": "xx"}, {"language": "sv"}, refused=REDIRECT),
    "accounts:login": FormCase("anonymous", "accounts:login", {"password": ""},
                               {"username": "ammattilainen", "password": DEMO_PASSWORD}),
    "accounts:password_change": FormCase(
        "county_analyst", "accounts:password_change",
        {"old_password": "not-the-password", "new_password1": "short", "new_password2": "not-the-same-2026"},
        {"old_password": DEMO_PASSWORD, "new_password1": "uusi-salasana-2026", "new_password2": "uusi-salasana-2026"}),
    "accounts:password_set": FormCase(
        "anonymous", "accounts:password_set", {"new_password1": "short", "new_password2": "not-the-same-2026"},
        {"new_password1": "uusi-salasana-2026", "new_password2": "uusi-salasana-2026"},
        {"uidb64": "password_uid", "token": "password_token"}),
    # The audit log's filters are posted (they never travel in the address); a valid filter writes only
    # the audit entry of the read.
    "accounts:audit": FormCase("admin", "accounts:audit",
                               {"since": "1970-01-01", "action": "no.such.action", "client": "131052-308T"},
                               {}, success=(200,)),
    "accounts:user_new": FormCase(
        "manager_a", "accounts:user_new",
        {"username": "has space", "email": "not-an-address", "role": "administrator", "scope": "unit:pirha-hervanta"},
        {"username": "partial.write", "role": "professional", "scope": "unit:hki-kalasatama"}),
    "accounts:user_email": FormCase("manager_a", "accounts:user", {"email": "not-an-address"},
                                    {"email": "newcomer@example.org"}, MANAGED_USER),
    "accounts:user_role_add": FormCase("manager_a", "accounts:user",
                                       {"role": "national_analyst", "scope": "unit:pirha-hervanta"},
                                       {"role": "unit_manager", "scope": "unit:hki-kalasatama"}, MANAGED_USER),
    "accounts:user_active": FormCase("manager_a", "accounts:user", {"active": "maybe"}, {"active": "0"}, MANAGED_USER),
    "accounts:totp_setup": FormCase("clinician_a", "accounts:totp_setup", {"token": "12"}, {"token": "000000"},
                                    success=(200, 302)),
    "instruments:fill": FormCase("clinician_a", "instruments:fill", {"item-9": "7"},
                                 {f"item-{i}": "1" for i in range(1, 11)}, {"instrument_id": "instrument_id"}),
    "navigator:start": FormCase("anonymous", "navigator:start", {"age": "-5"},
                                {"stage": "about", "age": "30", "county": "helsinki", "concerns": "depression"},
                                success=(200,)),
    "navigator:save": FormCase("anonymous", "", {"payload": json.dumps({"age": -5, "concerns": ["depression"]})},
                               {"payload": json.dumps({"age": 30, "language": "fi", "concerns": ["depression"]})},
                               url="navigator:save", success=(200,)),
    "navigator:mine": FormCase("anonymous", "navigator:mine", {"code": "ZZZZZZZZZZZZ"}, {"code": "ids:assessment_code"},
                               success=(200,)),
    "navigator:delete": FormCase("anonymous", "", {"code": "ZZZZZZZZZZZZ"}, {"code": "ids:assessment_code"},
                                 url="navigator:delete", success=(200,)),
    "navigator:guardian": FormCase("anonymous", "navigator:guardian",
                                   {"code": "ZZZZZZZZZZZZ", "self_harm": "maybe", "concerns": "no-such-concern"},
                                   {"code": "ids:guardian_code", "self_harm": "no", "plan_to_end_life": "no"},
                                   success=(201,)),
    # the professional's report by the code (only on the opened page, reached by a POST): audits, writes nothing else
    "navigator:opened_pdf": FormCase("clinician_a", "", {"code": "ZZZZZZZZZZZZ"}, {"code": "ids:assessment_code"},
                                     url="navigator:opened_pdf", success=(200, 503)),
    "navigator:open": FormCase("clinician_a", "navigator:open", {"code": "ZZZZZZZZZZZZ"}, {"code": "ids:assessment_code"},
                               success=(200,)),
    "navigator:result_pdf": FormCase("anonymous", "", {"payload": json.dumps({"age": -5, "concerns": ["depression"]})},
                                     {"payload": json.dumps({"age": 30, "language": "fi", "concerns": ["depression"]})},
                                     url="navigator:result_pdf", success=(200,)),
    "navigator:saved_pdf": FormCase("anonymous", "navigator:saved_pdf", {"code": "ZZZZZZZZZZZZ"},
                                    {"code": "ids:assessment_code"}, success=(200,)),
    "navigator:professional": FormCase("clinician_a", "navigator:professional", {"phq9": "99", "age": "-5"},
                                       {"age": "30", "county": "helsinki", "concerns": "depression", "phq9": "12"},
                                       success=(200,)),
    "catalogue:create": FormCase("manager_a", "catalogue:create", {"minimum_age": "200", "url": "javascript:alert(1)",
                                                                   "phones": "12", "booking_url": "javascript:alert(1)",
                                                                   "postal_code": "123"},
                                 SERVICE_FIELDS | {"county": "helsinki"}),
    "catalogue:edit": FormCase("manager_a", "catalogue:edit", {"minimum_age": "200", "url": "javascript:alert(1)",
                                                               "phones": "12", "booking_url": "javascript:alert(1)",
                                                               "closes_at": "25:00"},
                               {}, SERVICE),
    "catalogue:status": FormCase("manager_a", "catalogue:edit", {"status": "no-such-status"}, {"status": "draft"},
                                 SERVICE, refused=REDIRECT, state=_service_status),
    "care:referral_new": FormCase(
        "clinician_a", "care:referral_new",
        {"referral_date": FUTURE, "birth_year": "1700", "unit": "no-such-unit"},
        {"identifier_system": "local", "identifier_value": "PARTIAL-WRITE-2", "birth_year": "1990",
         "county": "helsinki", "referral_source": "self", "concerns": "depression"}),
    # a search writes nothing but its audit entry (a read): the cases prove that it writes nothing else
    "care:find": FormCase("clinician_a", "care:worklist", {"system": "no-such-system", "value": ""},
                          {"system": "local", "value": "DEMO-0001"}),
    "care:referral_from_assessment": FormCase(
        "clinician_a", "", {"referral_date": FUTURE, "birth_year": "1700", "unit": "no-such-unit"},
        {"code": "ids:assessment_code", "stage": "submit", "identifier_system": "local",
         "identifier_value": "PARTIAL-WRITE-4", "birth_year": "1990", "county": "helsinki", "language": "fi",
         "unit": "hki-kalasatama", "referral_date": TODAY, "concerns": "depression"},
        url="care:referral_from_assessment"),
    "care:episode_void": FormCase("clinician_a", "care:episode_void", {"reason": ""}, {"reason": "entered in error"},
                                  QUIET_EPISODE),
    "care:episode_correct": FormCase("clinician_a", "care:episode_correct", {"referral_date": FUTURE, "reason": ""},
                                     {"referral_source": "self", "reason": "a self-referral"}, EPISODE),
    "care:measurement_void": FormCase("clinician_a", "care:measurement_void", {"reason": ""},
                                      {"reason": "entered in error"}, MEASUREMENT),
    "care:measurement_correct": FormCase("clinician_a", "care:measurement_correct",
                                         {"item_1": "9", "date": LONG_AGO, "reason": ""},
                                         {"item_1": "3", "reason": "item 1 ticked wrong"}, MEASUREMENT),
    "care:appointment_void": FormCase("clinician_a", "care:appointment_void", {"reason": ""},
                                      {"reason": "booked for the wrong client"}, BOOKED),
    "care:appointment_correct": FormCase("clinician_a", "care:appointment_correct",
                                         {"date": LONG_AGO, "status": "x", "reason": ""},
                                         {"date": _days(3), "reason": "another day"}, BOOKED),
    "care:risk_flag_acknowledge": FormCase("clinician_a", "care:episode", {"note": ""}, {"note": "assessed"},
                                           {"episode_id": "episode_id"}, refused=REDIRECT, state=_flag_state),
    "care:appointment_status": FormCase("clinician_a", "care:episode", {"status": "no-such-status"},
                                        {"status": "cancelled"}, {"episode_id": "episode_id"},
                                        refused=REDIRECT, state=_appointment_state),
    "care:assessment": FormCase("clinician_a", "care:assessment",
                                {"assessment_date": "ids:before_referral", "step": "9"},
                                {"assessment_date": "ids:referral_date", "step": "ids:episode_step"},
                                {"episode_id": "episode_id"}),
    "care:step": FormCase("clinician_a", "care:step", {"step": "9", "intervention": "no-such-intervention"},
                          {"step": "2", "reason": "test"}, {"episode_id": "episode_id"}),
    "care:transfer": FormCase("manager_a", "care:transfer", {"to_unit": "no-such-unit"},
                              {"to_unit": "hki-opiskeluterveys", "date": TODAY, "reason": "test"},
                              {"episode_id": "episode_id"}),
    "care:end": FormCase("clinician_a", "care:end", {"end_date": "ids:before_referral"},
                         {"end_date": TODAY, "end_reason": "completed"}, {"episode_id": "episode_id"}),
    "care:children": FormCase("clinician_a", "care:children",
                              {"children_discussed_date": "ids:before_referral", "minor_children": "maybe",
                               "family_service": "999999"},
                              {"minor_children": "yes", "children_discussed_date": TODAY,
                               "children_discussion_method": "lets_talk_about_children"},
                              {"episode_id": "episode_id"}),
    "care:appointment_new": FormCase("clinician_a", "care:appointment_new", {"date": LONG_AGO, "kind": "x"},
                                     {"date": TODAY, "kind": "treatment", "status": "attended"},
                                     {"episode_id": "episode_id"}),
    "care:measurement_new": FormCase("clinician_a", "care:measurement_new", {"item_9": "7", "date": LONG_AGO},
                                     {"date": TODAY} | {f"item_{i}": "1" for i in range(1, 11)},
                                     {"episode_id": "episode_id"}, page_query="?instrument=phq9"),
    "care:safety_plan": FormCase("clinician_a", "care:safety_plan", {"warning_signs": ""},  # then all are empty
                                 {"warning_signs": "sleeplessness", "own_coping": "", "people_and_places": "",
                                  "professionals_and_crisis_lines": "", "safe_surroundings": ""},
                                 {"episode_id": "episode_id"}),
    "care:followup_new": FormCase("clinician_a", "care:followup_new", {"contact_date": FUTURE, "reason": "x"},
                                  {"reason": "self_harm", "contact_date": TODAY}, {"episode_id": "episode_id"}),
    "programmes:entity_add": FormCase("programme_manager", "programmes:entity_add",
                                      {"parent": "0", "end": "2023-01-01"},
                                      {"code": "partial-write-entity", "name_fi": "Kokonaisuus", "programme": "ids:programme_pk",
                                       "start": "2024-01-01", "end": "2024-12-31", "source": "test"}),
    "programmes:entity_edit": FormCase("programme_manager", "programmes:entity_edit",
                                       {"parent": "no-such-entity", "created_on": LONG_AGO}, {}, ENTITY),
    "programmes:project_add": FormCase("programme_manager", "programmes:project_add",
                                       {"entity": "0", "end": "2023-01-01"},
                                       {"code": "partial-write-project", "entity": "ids:entity_pk", "name": "Hanke",
                                        "start": "2024-01-01", "end": "2024-12-31", "source": "test"}),
    "programmes:project_edit": FormCase("programme_manager", "programmes:project_edit",
                                        {"entity": "0", "end": "0001-01-01"}, {}, PROJECT),
    "programmes:grant_add": FormCase("programme_manager", "programmes:grant_add",
                                     {"project": "no-such-project", "period_end": "2023-01-01", "year": "1980",
                                      "decision_date": LONG_AGO},
                                     {"code": "partial-write-grant", "entity": "ids:entity_pk", "amount_eur": "1000",
                                      "year": "2024", "period_start": "2024-01-01", "period_end": "2024-12-31",
                                      "source": "test"}),
    "programmes:grant_edit": FormCase("programme_manager", "programmes:grant_edit", {"amount_eur": "-5"}, {}, GRANT),
    "programmes:indicator_add": FormCase("programme_manager", "programmes:indicator_add", {"entity": "no-such-entity"},
                                         {"code": "partial-write-indicator", "name_fi": "Mittari", "unit": "%",
                                          "source": "test"}),
    "programmes:indicator_value_add": FormCase("programme_manager", "programmes:indicator_value_add",
                                               {"value": "many", "on": "9999-12-31"},
                                               {"on": "2024-06-01", "value": "5", "source": "test"},
                                               INDICATOR),
    "ips:caseload": FormCase("ips_specialist", "ips:caseload",
                             {"exit_date": _days(-40), "unit": "0", "vocational_profile_date": _days(-40),
                              "agreement_date": LONG_AGO},
                             {"unit": "ids:ips_unit_pk", "client_code": "PARTIAL-IPS-2", "episode_code": "EP-2",
                              "agreement_date": _days(-30), "vocational_profile_date": _days(-20)}),
    "ips:client[action=path]": FormCase("ips_specialist", "ips:client",
                                        {"exit_date": "ids:before_agreement",
                                         "vocational_profile_date": "ids:before_agreement"}, {}, PATH_PAGE),
    "ips:client[action=contact]": FormCase("ips_specialist", "ips:client",
                                           {"employer": "", "contact_date": "ids:before_agreement"},
                                           {"contact_date": TODAY, "employer": "Firm Oy"}, PATH_PAGE),
    "ips:client[action=employment]": FormCase("ips_specialist", "ips:client",
                                              {"end_date": "ids:before_agreement", "hours_per_week": "200",
                                               "hourly_pay": "-5"},
                                              {"employer": "Firm Oy", "start_date": TODAY, "hours_per_week": "20"},
                                              PATH_PAGE),
    "integrated:ask": FormCase("clinician_a", "integrated:ask",
                               {"specialist_unit": "pirha-paihde", "question": "", "urgency": "now"},
                               {"specialist_unit": "hki-psykiatria", "question": "Onko syytä arvioida?",
                                "urgency": "urgent", "preferred_form": "written_advice"}, EPISODE),
    "integrated:consultation": FormCase("psykiatri", "integrated:consultation", {"answer": "", "outcome": "elsewhere"},
                                        {"answer": "Jatkakaa perustasolla.", "outcome": "primary_care"},
                                        {"pk": "open_consultation_id"}),
    "integrated:team_add": FormCase("clinician_a", "integrated:team_add",
                                    {"category": "health_care_mental_health", "professional": "", "start_date": FUTURE},
                                    {"category": "social_work", "professional": "Sosiaalityöntekijä",
                                     "start_date": TODAY}, EPISODE),
    "integrated:team_end": FormCase("clinician_a", "integrated:team_end", {"end_date": FUTURE},
                                    {"end_date": TODAY}, {"pk": "social_care_id"}),
    "integrated:acknowledge": FormCase("clinician_a", "care:episode", {"note": "x" * 501}, {"note": "Lähete"},
                                       {"episode_id": "somatic_episode_id"}, refused=REDIRECT,
                                       state=_acknowledged_state),
    "integrated:risk_group_add": FormCase("clinician_a", "care:episode", {"risk_group": "bipolar"}, {}, EPISODE,
                                          refused=REDIRECT, state=_risk_group_state),
    "integrated:somatic_new": FormCase("clinician_a", "integrated:somatic_new", {"date": FUTURE, "weight": "4000"},
                                       {"date": TODAY, "weight": "70"}, EPISODE),
    "competence:training_new": FormCase("manager_a", "competence:training_new",
                                        {"completed_on": FUTURE, "training_cases": "12a", "supervision_sessions": "-1",
                                         "method": "no_such_method"},
                                        {"method": "cool_kids", "started_on": _days(-100)}),
    "competence:training_import": FormCase(
        "manager_a", "competence:training_import",
        {"text": "professional,unit,method\nnobody,hki-kalasatama,ipc\n"},
        {"text": "professional,unit,method,course\nkollega,hki-kalasatama,cool_kids,Cool Kids\n"}),
    "competence:training_edit": FormCase("clinician_a", "competence:training_edit",
                                         {"completed_on": FUTURE, "certified_on": LONG_AGO, "training_cases": "999999999"},
                                         {}, {"pk": "training_record_id"}),
    "selfcare:open_module": FormCase("anonymous", "selfcare:open_module", {"exercise-worry_topics": "x" * 4001},
                                     {"exercise-worry_topics": "money"}, OPEN_MODULE),
    # an open module's measure is scored and shown, never stored: neither case writes anything
    "selfcare:open_module[action=measure]": FormCase("anonymous", "selfcare:open_module", {"item-1": "9"},
                                                     {f"item-{i}": "1" for i in range(1, 8)}, OPEN_MODULE,
                                                     success=(200,), refused=(400,)),
    "selfcare:open_resume": FormCase("anonymous", "selfcare:open_resume", {"code": "ZZZZ-ZZZZ-ZZZZ"},
                                     {"code": "ids:open_progress_code"}),
    "selfcare:sign_in": FormCase("anonymous", "selfcare:sign_in", {"code": "ZZZZ-ZZZZ-ZZZZ"},
                                 {"code": "DEMO-DEMO-DEMO"}),
    "selfcare:assign": FormCase("clinician_a", "selfcare:episode",
                                {"programme": "no-such-programme", "override_reason": "x" * 2001},
                                {"programme": "sleep"}, EPISODE, success=(200,), refused=(400,)),
    "selfcare:questionnaire_request": FormCase("clinician_a", "selfcare:episode", {"instrument": "no-such"}, {},
                                               EPISODE, success=(200,), refused=(400,)),
    "selfcare:reply": FormCase("clinician_a", "selfcare:episode", {"body": ""}, {"body": "See you on Monday."},
                               {"episode_id": "selfcare_episode_id"}),
    "selfcare:feedback": FormCase("clinician_a", "selfcare:episode", {"feedback": ""}, {"feedback": "A good start."},
                                  {"episode_id": "selfcare_episode_id"}, refused=(400,), state=_feedback_state),
    "ips:fidelity_new": FormCase("ips_specialist", "ips:fidelity_new", {"item_25": "9", "review_date": FUTURE},
                                 {"review_date": TODAY, "reviewers": "A and B"} | {f"item_{i}": "3" for i in range(1, 26)},
                                 {"code": "ips_service_code"}),
}


def _page_url(case: FormCase, ids: Ids) -> str:
    return fill(dict(web_routes())[case.page], {p: ids[k] for p, k in case.page_params.items()}) + case.page_query


def _discovered_forms(ids: Ids) -> set[str]:
    """Every POST form on every page the permission matrix visits (as each principal allowed to see it),
    the pages of the form cases, and every POST-only route."""
    routes = dict(web_routes())
    found: set[str] = set()
    visits = [(name, fill(routes[name], {p: ids[k] for p, k in row.params.items()}) + row.query, row.expected)
              for name, row in WEB.items() if not name.startswith("fhir:")]
    visits += [(c.page, _page_url(c, ids), {c.principal: 200}) for c in FORM_CASES.values() if c.page]
    clients: dict[str, Client] = {}
    for _name, url, expected in visits:
        for principal, status in expected.items():
            if status != 200:
                continue
            client = clients.setdefault(principal, _client_of(principal))
            response = client.get(url)
            if response["Content-Type"].startswith("text/html"):  # not a PDF
                found |= set(_post_forms(response.content.decode(), url))
        # A route that answers GET with 405 but is reached by the signed-in is a POST-only form target.
    found |= {name for name, row in WEB.items() if not name.startswith("fhir:")  # FHIR: with the API's
              and 405 in (row.expected.get("clinician_a"), row.expected.get("anonymous"))}
    return found


@pytest.mark.django_db
def test_every_post_form_of_the_web_ui_has_a_case(world: Ids) -> None:
    found = _discovered_forms(world)
    assert sorted(found - set(FORM_CASES) - set(NO_INPUT)) == [], "POST forms without a case"
    assert sorted(set(FORM_CASES) - found) == [], "cases of forms that are gone"


def _form_params() -> list[Any]:
    params = []
    for key, case in FORM_CASES.items():
        for name in case.invalid:
            params.append(pytest.param(key, name, id=f"{key} [{name}]"))
    return params


def _form_data(case: FormCase, key: str, client: Client, ids: Ids) -> tuple[str, list[tuple[str, Any]]]:
    """The action and the values a browser would send: the page's own, then the case's."""
    if case.url:
        return fill(dict(web_routes())[case.url], {p: ids[k] for p, k in case.page_params.items()}), []
    url = _page_url(case, ids)
    forms = _post_forms(client.get(url).content.decode(), url)
    assert key in forms, f"{key} is not on {url} for {case.principal}"
    return forms[key]["url"], forms[key]["data"]


def _with(data: list[tuple[str, Any]], overrides: dict[str, Any], ids: Ids) -> str:
    """``data`` with every field named in ``overrides`` replaced (a list value sends it several times)."""
    kept = [(k, v) for k, v in data if k not in overrides]
    for name, value in overrides.items():
        values = value if isinstance(value, list) else [value]
        kept += [(name, _value(v, ids)) for v in values]
    return urlencode(kept)


_ERRORS = re.compile(r'<(?:ul|p|div|span)[^>]*class="[^"]*(?:errorlist|error)[^"]*"[^>]*>(.*?)</(?:ul|p|div|span)>', re.S)


def _errors(response: Any) -> str:
    """The errors a form page shows, for the message of a failed control."""
    text = response.content.decode(errors="replace")
    return " | ".join(re.sub(r"<[^>]+>|\s+", " ", e).strip() for e in _ERRORS.findall(text))[:600] or text[:300]


def _post(client: Client, url: str, encoded: str) -> Any:
    return client.generic("POST", url, encoded, content_type="application/x-www-form-urlencoded")


@pytest.mark.django_db
@pytest.mark.parametrize(("form", "invalid_field"), _form_params())
def test_a_form_with_one_invalid_field_writes_nothing(world: Ids, form: str, invalid_field: str) -> None:
    case = FORM_CASES[form]
    client = _client_of(case.principal)
    url, data = _form_data(case, form, client, world)
    valid = _with(data, case.valid, world)
    invalid = _with(data, case.valid | {invalid_field: case.invalid[invalid_field]}, world)

    state = case.state(world) if case.state else None
    before = _snapshot()
    response = _post(client, url, invalid)
    changes = _changes(before)
    assert changes == [], f"{form} with {invalid_field} invalid answered {response.status_code} but wrote: {changes}"
    assert response.status_code in case.refused, f"{form} accepted {invalid_field}: {response.status_code}"
    assert case.state is None or case.state(world) == state, f"{form} accepted {invalid_field}"

    control = _post(client, url, valid)
    assert case.state is None or case.state(world) != state, f"the control (with {invalid_field} valid) changed nothing"
    assert control.status_code in case.success, (
        f"the control (the same form with {invalid_field} valid) must succeed: {control.status_code} {_errors(control)}")
