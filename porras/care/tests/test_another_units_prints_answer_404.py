"""Prints of another unit's episode answer 404 like a missing one (the attempt audited as denied);
roles without client data get 403, and nobody gets a print without logging in."""

from __future__ import annotations

import pytest

from porras.accounts.models import AuditEntry
from porras.care.tests.printing_helpers import episode_with_plan

pytestmark = pytest.mark.django_db

PRINTS = ("safety-plan/copy/", "safety-plan/copy.pdf", "summary/", "summary.pdf")


@pytest.mark.parametrize("path", PRINTS)
def test_another_units_clinician_gets_404_and_the_attempt_is_audited(cast, client, path: str) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.clinician_b)
    response = client.get(f"/care/episodes/{episode.pk}/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    denied = AuditEntry.objects.filter(username="clinician_b", outcome="denied").order_by("-seq").first()
    assert denied is not None and denied.object_id == str(episode.pk)
    assert denied.action in ("safety_plan.print", "episode.print")


@pytest.mark.parametrize("path", PRINTS)
def test_a_missing_episode_answers_the_same_404(cast, client, path: str) -> None:
    client.force_login(cast.clinician_b)
    assert client.get(f"/care/episodes/999999/{path}").status_code == 404


@pytest.mark.parametrize("path", PRINTS)
def test_an_analyst_gets_403(cast, client, path: str) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.county_analyst)
    assert client.get(f"/care/episodes/{episode.pk}/{path}").status_code == 403


@pytest.mark.parametrize("path", PRINTS)
def test_anonymous_is_sent_to_log_in(cast, client, path: str) -> None:
    episode = episode_with_plan(cast.clinician_a)
    response = client.get(f"/care/episodes/{episode.pk}/{path}")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
