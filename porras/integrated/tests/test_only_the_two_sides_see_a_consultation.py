"""Who sees and answers a consultation: the asking unit and the specialist unit it is addressed to;
another unit's professional gets 404 exactly as for a missing one, an analyst 403; only the
specialist unit answers."""

from __future__ import annotations

from typing import Any

from porras.accounts.models import AuditEntry
from porras.integrated.tests.helpers import QUESTION, World, world  # noqa: F401


def _asked(world: World, api_client_for: Any) -> int:  # noqa: F811
    r = api_client_for(world.cast.clinician_a).post(f"/api/v1/episodes/{world.episode.pk}/consultations", QUESTION,
                                                    content_type="application/json")
    assert r.status_code == 201
    return int(r.json()["id"])


def test_the_asking_unit_and_the_specialist_unit_read_it_others_do_not(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = _asked(world, api_client_for)
    statuses = {name: api_client_for(user).get(f"/api/v1/consultations/{pk}").status_code
                for name, user in [("colleague_a", world.cast.colleague_a), ("specialist_a", world.specialist_a),
                                   ("specialist_b", world.specialist_b), ("clinician_b", world.cast.clinician_b),
                                   ("county_analyst", world.cast.county_analyst)]}
    assert statuses == {"colleague_a": 200, "specialist_a": 200, "specialist_b": 404, "clinician_b": 404,
                        "county_analyst": 403}


def test_the_asking_side_cannot_answer_its_own_question(world: World, api_client_for: Any) -> None:  # noqa: F811
    pk = _asked(world, api_client_for)
    body = {"answer": "Itse vastattu.", "outcome": "primary_care"}
    for user in (world.cast.clinician_a, world.specialist_b):
        r = api_client_for(user).post(f"/api/v1/consultations/{pk}/answer", body, content_type="application/json")
        assert r.status_code == 404
    assert AuditEntry.objects.filter(action="consultation.answer", outcome="denied", object_id=str(pk)).count() == 2


def test_a_specialist_cannot_ask_about_an_episode_of_another_unit(world: World, api_client_for: Any) -> None:  # noqa: F811
    r = api_client_for(world.specialist_a).post(f"/api/v1/episodes/{world.episode.pk}/consultations", QUESTION,
                                                content_type="application/json")
    assert r.status_code == 404


def test_the_specialist_queue_holds_only_what_is_addressed_to_its_unit(world: World, api_client_for: Any) -> None:  # noqa: F811
    _asked(world, api_client_for)
    assert api_client_for(world.specialist_b).get("/api/v1/consultations").json() == []
    assert api_client_for(world.cast.clinician_a).get("/api/v1/consultations").json() == []  # not a specialist unit
