"""A risk answer from a client channel raises the episode's risk flag in the same transaction, returns
the crisis contacts at once and e-mails the responsible professional without health data."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from porras.care.models import RiskFlag
from porras.selfcare.tests.helpers import PHQ9_WITH_RISK, assign, client_for, make_case, post

pytestmark = pytest.mark.django_db


def test_the_flag_the_contacts_and_the_mail(cast: Any, api_client_for: Any,
                                            django_capture_on_commit_callbacks: Any) -> None:
    cast.clinician_a.email = "clinician.a@example.org"
    cast.clinician_a.save()
    case = make_case(cast.clinician_a)
    me = client_for(assign(api_client_for(cast.clinician_a), case.episode.pk)["code"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = post(me, "/api/v1/me/measurements", {"instrument": "phq9", "answers": PHQ9_WITH_RISK,
                                                        "module": "start"})
    assert answered.status_code == 201
    body = answered.json()
    assert body["risk"] is True
    phones = [c["phone"] for c in body["crisis_contacts"]]
    assert phones[0] == "112" and "09 2525 0111" in phones
    flag = RiskFlag.objects.get(episode=case.episode)
    assert (flag.instrument, flag.item, flag.value) == ("phq9", "9", 1)
    assert len(mail.outbox) == 1
    assert "phq" not in mail.outbox[0].body.lower() and "risk" not in mail.outbox[0].body.lower()
    assert mail.outbox[0].subject == "Porras"


def test_a_measure_the_programme_does_not_carry_is_refused(cast: Any, api_client_for: Any) -> None:
    case = make_case(cast.clinician_a)
    me = client_for(assign(api_client_for(cast.clinician_a), case.episode.pk)["code"])
    refused = post(me, "/api/v1/me/measurements", {"instrument": "audit", "answers": [0] * 10})
    assert refused.status_code == 422
    assert not RiskFlag.objects.exists()
