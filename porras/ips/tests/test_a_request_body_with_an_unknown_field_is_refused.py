"""A field an IPS endpoint does not know is refused with 422 naming it, never silently dropped.

Each body below would be accepted without its extra field; the extra one is a plausible mistake (a
model's name for a field, a value the server computes, a date the endpoint does not change).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from porras.accounts.models import AuditEntry
from porras.ips import models as m

AGREEMENT = date(2025, 1, 2)


def _rows() -> tuple[int, ...]:
    return (
        m.ClientPath.objects.count(),
        m.EmployerContact.objects.count(),
        m.Employment.objects.count(),
        m.FidelityReview.objects.count(),
        AuditEntry.objects.exclude(action__endswith=".read").count(),
    )


CASES = [
    ("post", "/api/v1/ips/fidelity/score", {"items": [3] * 25}, "total", 125),
    ("post", "/api/v1/ips/services/ips-a/fidelity", {"review_date": "2025-06-01", "items": [3] * 25}, "band", "good"),
    (
        "post",
        "/api/v1/ips/clients",
        {"service": "ips-a", "client_code": "C-9", "agreement_date": "2025-01-02"},
        "specialist",
        "someone_else",
    ),
    ("patch", "/api/v1/ips/clients/{pk}", {"version": 1}, "agreement_date", "2025-01-01"),
    (
        "post",
        "/api/v1/ips/clients/{pk}/employer-contacts",
        {"contact_date": "2025-02-01", "employer": "Firm Oy"},
        "contact_person",
        "Maija",
    ),
    (
        "post",
        "/api/v1/ips/clients/{pk}/employments",
        {"employer": "Firm Oy", "start_date": "2025-03-01"},
        "competitive",
        True,
    ),
]


@pytest.mark.parametrize(("method", "url", "body", "unknown", "value"), CASES, ids=[c[1] for c in CASES])
def test_an_unknown_field_is_refused_naming_it_and_nothing_is_written(
    cast: Any, api_client_for: Any, method: str, url: str, body: dict[str, Any], unknown: str, value: Any
) -> None:
    path = m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=AGREEMENT
    )
    client = api_client_for(cast.ips_specialist)
    url = url.format(pk=path.pk)
    before = _rows()

    refused = getattr(client, method)(url, body | {unknown: value}, content_type="application/json")

    assert refused.status_code == 422
    assert unknown in [e["field"] for e in refused.json()["detail"]]
    assert _rows() == before
    accepted = getattr(client, method)(url, body, content_type="application/json")
    assert accepted.status_code in (200, 201), accepted.content
