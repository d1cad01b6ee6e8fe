"""The asking unit withdraws an unanswered question (shown as withdrawn in both queues, out of every
consultation figure); a professional acknowledges a check's flagged values (who, when, a note; the
flags stay; the due list lets it go); a somatic-risk group recorded on an episode makes the check due.
Each write audited; others get 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from porras.accounts.models import AuditEntry
from porras.care import services as care
from porras.integrated import reports
from porras.integrated.tests.helpers import QUESTION, World, world  # noqa: F401
from porras.lib.disclosure import Policy


def _ask(world: World, api_client_for: Any) -> int:  # noqa: F811
    r = api_client_for(world.cast.clinician_a).post(f"/api/v1/episodes/{world.episode.pk}/consultations", QUESTION,
                                                    content_type="application/json")
    assert r.status_code == 201
    return int(r.json()["id"])


def test_the_asking_unit_withdraws_a_question_before_its_answer(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = _ask(world, api_client_for)
    specialist = api_client_for(world.specialist_a)
    assert specialist.post(f"/api/v1/consultations/{pk}/withdraw").status_code == 404  # not the asking side
    assert api_client_for(world.cast.clinician_b).post(f"/api/v1/consultations/{pk}/withdraw").status_code == 404
    r = api_client_for(world.cast.clinician_a).post(f"/api/v1/consultations/{pk}/withdraw")
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert api_client_for(world.cast.clinician_a).post(f"/api/v1/consultations/{pk}/withdraw").status_code == 409
    answer = specialist.post(f"/api/v1/consultations/{pk}/answer", {"answer": "Vastaus", "outcome": "transfer"},
                             content_type="application/json")
    assert answer.status_code == 409
    assert [(c["id"], c["status"]) for c in specialist.get("/api/v1/consultations").json()] == [(pk, "withdrawn")]
    page = Client()
    page.force_login(world.specialist_a)
    assert "Kysyvä yksikkö perui kysymyksen" in page.get("/integrated/consultations/").content.decode()
    everything = Policy(minimum=0, base=1)
    assert reports.run("db", (), policy=everything).groups[0]["consultations"] == 0  # left out of the figures
    assert AuditEntry.objects.filter(action="consultation.withdraw", object_id=str(pk), outcome="ok").exists()


def test_an_answered_question_cannot_be_withdrawn(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = _ask(world, api_client_for)
    api_client_for(world.specialist_a).post(f"/api/v1/consultations/{pk}/answer",
                                            {"answer": "Vastaus", "outcome": "primary_care"},
                                            content_type="application/json")
    assert api_client_for(world.cast.clinician_a).post(f"/api/v1/consultations/{pk}/withdraw").status_code == 409


def test_acknowledged_flags_stay_visible_and_leave_the_due_list(world: World, api_client_for: Any) -> None:  # noqa: F811
    api = api_client_for(world.cast.clinician_a)
    e = world.episode.pk
    r = api.post(f"/api/v1/episodes/{e}/somatic-risk-groups", {"risk_group": "schizophrenia"},
                 content_type="application/json")
    assert r.status_code == 201 and r.json()["source"] == "kh-schizophrenia"
    assert [d["episode_id"] for d in api.get("/api/v1/somatic-checks/due").json()] == [e]  # due: the group
    check = api.post(f"/api/v1/episodes/{e}/somatic-checks",
                     {"date": timezone.localdate().isoformat(), "values": {"systolic": 160}},
                     content_type="application/json").json()
    assert [d["flagged"] for d in api.get("/api/v1/somatic-checks/due").json()] == [["systolic"]]
    other = api_client_for(world.cast.clinician_b).post(f"/api/v1/somatic-checks/{check['id']}/acknowledge",
                                                          {"note": "x"}, content_type="application/json")
    assert other.status_code == 404
    r = api.post(f"/api/v1/somatic-checks/{check['id']}/acknowledge", {"note": "Lähete lääkärille"},
                 content_type="application/json")
    body = r.json()
    assert r.status_code == 200 and body["flagged"] == ["systolic"] and body["acknowledged_by"] == "clinician_a"
    assert body["acknowledgement_note"] == "Lähete lääkärille" and body["acknowledged_at"]
    assert api.post(f"/api/v1/somatic-checks/{check['id']}/acknowledge", {"note": ""},
                    content_type="application/json").status_code == 409
    assert api.get("/api/v1/somatic-checks/due").json() == []
    page = Client()
    page.force_login(world.cast.clinician_a)
    html = page.get(f"/care/episodes/{e}/").content.decode()
    assert "Kuitattu: clinician_a" in html and "Lähete lääkärille" in html and "viitealueen ulkopuolella" in html
    assert AuditEntry.objects.filter(action="somatic_check.acknowledge", outcome="ok").count() == 1


def test_a_risk_group_not_in_the_data_is_refused_and_a_group_is_recorded_once(world: World, api_client_for: Any) -> None:  # noqa: F811
    api = api_client_for(world.cast.clinician_a)
    url = f"/api/v1/episodes/{world.episode.pk}/somatic-risk-groups"
    r = api.post(url, {"risk_group": "bipolar"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "risk_group"
    assert api.post(url, {"risk_group": "alcohol_use_disorder"}, content_type="application/json").status_code == 201
    assert api.post(url, {"risk_group": "alcohol_use_disorder"}, content_type="application/json").status_code == 409
    assert api_client_for(world.cast.clinician_b).post(url, {"risk_group": "schizophrenia"},
                                                        content_type="application/json").status_code == 404


def test_a_long_episode_is_due_without_a_group(world: World, api_client_for: Any) -> None:  # noqa: F811
    client, _ = care.register_client(world.cast.clinician_a, care.ClientInput(
        "local", "LONG-1", birth_year=1970, sex="female", county="helsinki", language="fi", unit="unit-a"))
    long = care.open_episode(world.cast.clinician_a, client.pk, "unit-a",
                             timezone.localdate() - dt.timedelta(days=365), ["depression"], "primary_care")
    due = api_client_for(world.cast.clinician_a).get("/api/v1/somatic-checks/due").json()
    assert [d["episode_id"] for d in due] == [long.pk]
