"""The recommendation lists the services of the person's county from the service catalogue."""

from __future__ import annotations

import pytest

from porras.catalogue import services as catalogue
from porras.navigator import services

from .conftest import person, phq9


@pytest.fixture
def demo_catalogue(db):
    catalogue.load_demo()


def test_it_lists_the_counties_services_for_the_recommended_step(demo_catalogue):
    result = services.recommend(person(county="helsinki", language="fi", scores={"phq9": phq9("moderate")}))
    names = [s["name"]["fi"] for s in result["services"]]
    assert "Kognitiivinen lyhytterapia sote-keskuksessa (demo)" in names
    assert all(2 in s["steps"] and s["county"] == "helsinki" for s in result["services"])


def test_it_lists_no_services_without_a_county(demo_catalogue):
    data = person(scores={"phq9": phq9("moderate")})
    del data["county"]
    result = services.recommend(data)
    assert result["services"] == []
    assert all(t["rule"] != "services" for t in result["trace"])


def test_the_result_page_shows_the_services_in_the_residents_language(client, demo_catalogue):
    client.cookies["porras_language"] = "sv"
    answers = {f"phq9-{i}": "1" for i in range(1, 9)} | {"phq9-7": "2", "phq9-8": "2", "phq9-9": "0"}  # 10
    response = client.post("/navigator/", {
        "stage": "answers", "age": "40", "county": "helsinki", "concerns": ["depression"],
        "plan_to_end_life": "no", **answers,
    })
    content = response.content.decode()
    assert "Kognitiv korttidsterapi vid social- och hälsocentralen (demo)" in content
    assert "Fiktiv exempeltjänst" in content
