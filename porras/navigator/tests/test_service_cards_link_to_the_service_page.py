"""The navigator's service cards link to each service's page in the catalogue."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.demo import demo_id

pytestmark = pytest.mark.usefixtures("demo_catalogue")


@pytest.fixture
def demo_catalogue(db):  # type: ignore[no-untyped-def]
    from porras.accounts import services as accounts
    from porras.catalogue import services

    accounts.load_counties()
    services.load_demo()


def test_a_result_card_links_to_the_service_page(client):
    data = {"stage": "answers", "age": "30", "sex": "female", "county": "helsinki", "concerns": ["depression"],
            "plan_to_end_life": "no"}
    data.update({f"phq9-{i}": str(v) for i, v in enumerate([1, 1, 1, 2, 1, 1, 2, 1, 0, 0], start=1)})
    content = client.post("/navigator/", data).content.decode()
    # PHQ-9 10 (moderate): step 2, the Helsinki demo's cognitive short therapy
    assert f'<a href="/services/{demo_id("service", "hel-lyhytterapia")}/">' in content
