from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from porras.ips import models as m
from porras.ips.tests.helpers import items_for_total

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _review(client: Any, day: str, total: int, service: str = "ips-a") -> Any:
    return client.post(
        f"/api/v1/ips/services/{service}/fidelity",
        {"review_date": day, "items": items_for_total(total), "reviewers": "A, B"},
        content_type="application/json",
    )


def test_a_review_is_scored_from_its_items_and_kept_in_the_history(cast: Any, api_client_for: Any) -> None:
    client = api_client_for(cast.ips_specialist)
    assert _review(client, "2024-05-01", 99).status_code == 201
    assert _review(client, "2023-05-01", 70).status_code == 201
    history = client.get("/api/v1/ips/services/ips-a/fidelity").json()
    assert [(r["review_date"], r["total"], r["band"]) for r in history] == [
        ("2023-05-01", 70, "not_ips"),
        ("2024-05-01", 99, "fair"),
    ]


def test_a_review_with_a_bad_item_is_422_and_not_stored(cast: Any, api_client_for: Any) -> None:
    items = items_for_total(100)
    items[2] = 0
    response = api_client_for(cast.ips_specialist).post(
        "/api/v1/ips/services/ips-a/fidelity",
        {"review_date": "2024-05-01", "items": items},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["item"] == 3
    assert not m.FidelityReview.objects.exists()


def test_a_clinician_may_not_review_an_ips_service(cast: Any, api_client_for: Any) -> None:
    assert _review(api_client_for(cast.clinician_a), "2024-05-01", 99).status_code == 403


def test_a_unit_that_is_not_an_ips_service_has_no_fidelity(cast: Any, api_client_for: Any) -> None:
    assert _review(api_client_for(cast.admin), "2024-05-01", 99, service="unit-a").status_code == 404


def test_the_history_page_draws_the_chart_and_the_form_saves_a_review(cast: Any) -> None:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    form = client.get("/ips/services/ips-a/fidelity/new/")
    assert form.status_code == 200
    assert form.content.decode().count('type="radio"') == 125
    data = {"review_date": "2025-06-01", "reviewers": "A"}
    data.update({f"item_{n}": "4" for n in range(1, 26)})
    response = client.post("/ips/services/ips-a/fidelity/new/", data)
    assert response.status_code == 302
    review = m.FidelityReview.objects.get()
    assert (review.total, review.band) == (100, "good")
    page = client.get("/ips/services/ips-a/fidelity/").content.decode()
    assert "<svg" in page
    assert 'role="img"' in page


def test_a_form_with_an_unrated_item_names_it(cast: Any) -> None:
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    data = {"review_date": "2025-06-01"}
    data.update({f"item_{n}": "4" for n in range(1, 26) if n != 9})
    response = client.post("/ips/services/ips-a/fidelity/new/", data)
    assert response.status_code == 422
    assert 'id="item_9-error"' in response.content.decode()
    assert not m.FidelityReview.objects.exists()


@pytest.mark.parametrize("who", ["clinician_a", "programme_manager"])
def test_fidelity_pages_are_refused_outside_the_scope(cast: Any, who: str) -> None:
    client = Client()
    client.force_login(getattr(cast, who), backend=BACKEND)
    assert client.get("/ips/services/ips-a/fidelity/").status_code == 403
