"""The audit log's client filter (see :mod:`porras.accounts.audit_subjects`): which entries are about
one client of care, found by the reference the care pages show — the client number (``#12`` or
``12``) or the client_id of the interchange format — and never by an identity code."""

from __future__ import annotations

import re

from porras.accounts.audit_subjects import NOT_AN_IDENTITY_CODE, Trail
from porras.care.domain.identity_codes_in_text import contains_identity_code
from porras.care.models import Appointment, Client, Episode, FollowUp, Measurement, RiskFlag, SafetyPlan
from porras.lib.errors import InputError

_NUMBER = re.compile(r"#?\s*([0-9]{1,18})")


def _ids(model: type, episodes: list[int]) -> frozenset[int]:
    return frozenset(model.objects.filter(episode_id__in=episodes).values_list("pk", flat=True))  # type: ignore[attr-defined]


def client_trail(reference: str) -> Trail | None:
    text = reference.strip()
    if contains_identity_code(text):
        raise InputError.of("client", str(NOT_AN_IDENTITY_CODE))
    number = _NUMBER.fullmatch(text)
    client = Client.objects.filter(pk=int(number.group(1))).first() if number else None
    if client is None:
        client = Client.objects.filter(code=text).first()
    if client is None:
        return None
    episodes = list(Episode.objects.filter(client=client).values_list("pk", flat=True))
    related = {
        "appointment": _ids(Appointment, episodes), "measurement": _ids(Measurement, episodes),
        "risk_flag": _ids(RiskFlag, episodes), "followup": _ids(FollowUp, episodes),
        "safety_plan": _ids(SafetyPlan, episodes),
    }
    as_text = {kind: frozenset(str(i) for i in ids) for kind, ids in related.items()}
    return Trail(
        client_id=client.pk,
        objects={"client": frozenset({str(client.pk)}), "episode": frozenset(str(e) for e in episodes), **as_text},
        detail={
            "client": frozenset({client.pk}), "clients": frozenset({client.pk}),
            "episode": frozenset(episodes), "episodes": frozenset(episodes),
            "appointments": related["appointment"], "measurements": related["measurement"],
            "risk_flags": related["risk_flag"], "followups": related["followup"],
        },
    )
