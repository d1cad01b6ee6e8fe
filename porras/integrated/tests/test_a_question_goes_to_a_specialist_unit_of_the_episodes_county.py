"""Where a question may go: a specialised psychiatry or substance-use unit of the episode's county
(the register the episode belongs to), about an open episode; else 422 naming the field."""

from __future__ import annotations

from typing import Any

from porras.care import services as care
from porras.integrated.models import Consultation
from porras.integrated.tests.helpers import QUESTION, World, world  # noqa: F401


def _post(world: World, api_client_for: Any, **changes: Any) -> Any:  # noqa: F811
    return api_client_for(world.cast.clinician_a).post(f"/api/v1/episodes/{world.episode.pk}/consultations",
                                                       {**QUESTION, **changes}, content_type="application/json")


def test_a_unit_of_another_county_is_refused(world: World, api_client_for: Any) -> None:  # noqa: F811
    r = _post(world, api_client_for, specialist_unit="psy-b")
    assert r.status_code == 422
    assert r.json()["detail"] == [{"field": "specialist_unit",
                                   "reason": "is in another wellbeing services county than the episode"}]
    assert not Consultation.objects.exists()


def test_a_unit_that_is_not_specialised_care_is_refused(world: World, api_client_for: Any) -> None:  # noqa: F811
    for code in ("unit-a2", "no-such-unit"):
        r = _post(world, api_client_for, specialist_unit=code)
        assert r.status_code == 422
        assert r.json()["detail"][0]["field"] == "specialist_unit"
    assert not Consultation.objects.exists()


def test_an_ended_episode_is_refused(world: World, api_client_for: Any) -> None:  # noqa: F811
    episode = world.episode
    care.update_episode(world.cast.clinician_a, episode.pk, episode.version,
                        {"end_date": episode.referral_date, "end_reason": "declined"})
    r = _post(world, api_client_for)
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "episode"


def test_an_empty_question_or_an_unknown_urgency_is_refused(world: World, api_client_for: Any) -> None:  # noqa: F811
    assert _post(world, api_client_for, question="").status_code == 422
    assert _post(world, api_client_for, question="   ").status_code == 422
    assert _post(world, api_client_for, urgency="whenever").status_code == 422
    assert not Consultation.objects.exists()
