"""The consultation report from this database, as each user may see it: exact for a unit manager
who may read the unit's records, rounded and withheld for the county analyst, nothing of another
county, and 403 for a professional. The page and the API give the same figures."""

from __future__ import annotations

from typing import Any

from django.test import Client

from porras.care import services as care
from porras.integrated import services
from porras.integrated.tests.helpers import World, world  # noqa: F401

QUESTION = "Kysymys"


def _six_episodes_five_consultations(w: World) -> None:
    """Six episodes in unit A (the world's one and five more); five questions answered, two of them
    leading to a transfer. All asked and answered today: median answer time 0 days."""
    episodes = [w.episode]
    for i in range(5):
        client, _ = care.register_client(w.cast.clinician_a, care.ClientInput(
            "local", f"K-{i}", birth_year=1990, sex="female", county="helsinki", language="fi", unit="unit-a"))
        episodes.append(care.open_episode(w.cast.clinician_a, client.pk, "unit-a", w.episode.referral_date,
                                          ["depression"], "primary_care"))
    for i, episode in enumerate(episodes[:5]):
        c = services.ask(w.cast.clinician_a, episode.pk, "psy-a", QUESTION, "non_urgent", "written_advice")
        services.answer(w.specialist_a, c.pk, "Vastaus", "transfer" if i < 2 else "primary_care")


def test_the_unit_manager_gets_exact_figures_and_the_analyst_rounded_ones(world: World, api_client_for: Any) -> None:  # noqa: F811
    _six_episodes_five_consultations(world)
    exact = api_client_for(world.cast.manager_a).get("/api/v1/reports/consultations?group_by=unit")
    assert exact.status_code == 200, exact.content
    assert exact.json()["groups"] == [{
        "unit": "unit-a", "episodes": 6, "consultations": 5, "consultations_per_1000_episodes": 833.3,
        "episodes_with_consultation": 5, "answered": 5, "median_answer_days": 0.0, "transfers": None,
        "transfer_rate": None, "primary_care": None, "primary_care_rate": None, "episodes_with_social_care": None,
        "social_care_rate": None, "suppressed": True}]
    # withheld for everyone: transfers (2) and primary care (3) are below the minimum of 5, and so their shares
    rounded = api_client_for(world.cast.county_analyst).get("/api/v1/reports/consultations?group_by=county").json()
    assert rounded["definitions"]["disclosure"] == {"minimum": 5, "rounding_base": 5}
    (group,) = rounded["groups"]
    assert (group["county"], group["episodes"], group["consultations"], group["transfers"], group["transfer_rate"]) == (
        "helsinki", 5, 5, None, None)
    assert api_client_for(world.cast.county_manager_b).get("/api/v1/reports/consultations").json()["groups"] == []
    assert api_client_for(world.cast.clinician_a).get("/api/v1/reports/consultations").status_code == 403


def test_the_report_page_shows_the_same_figures_in_the_users_language(world: World) -> None:  # noqa: F811
    _six_episodes_five_consultations(world)
    page = Client()
    page.force_login(world.cast.manager_a)
    page.cookies["porras_language"] = "fi"
    html = page.get("/integrated/reports/?group_by=unit").content.decode()
    assert "Integroidun hoidon raportit" in html
    assert "833,3" in html  # per 1,000 episodes, written the Finnish way
    csv = page.get("/integrated/reports/?group_by=unit&format=csv").content.decode()
    assert csv.splitlines()[1].startswith("unit-a,6,5,833.3,5,5,0.0,")


def test_the_page_and_the_api_group_by_collaborative_area(world: World, api_client_for: Any) -> None:  # noqa: F811
    _six_episodes_five_consultations(world)
    api = api_client_for(world.cast.manager_a)
    (group,) = api.get("/api/v1/reports/consultations?group_by=collaborative_area").json()["groups"]
    assert (group["collaborative_area"], group["episodes"], group["consultations"]) == ("etela", 6, 5)
    somatic = api.get("/api/v1/reports/somatic-checks?group_by=collaborative_area,quarter")
    assert somatic.status_code == 200  # the episodes are new: none is due a check yet, so no group is listed
    assert api.get("/api/v1/reports/somatic-checks?group_by=area").status_code == 422
    page = Client()
    page.force_login(world.cast.manager_a)
    for language, heading, name in (("fi", "Yhteistyöalue", "Etelä-Suomen yhteistyöalue"),
                                    ("sv", "Samarbetsområde", "Södra Finlands samarbetsområde")):
        page.cookies["porras_language"] = language
        html = page.get("/integrated/reports/?group_by=collaborative_area").content.decode()
        assert f'<th scope="col">{heading}</th>' in html and f'<th scope="row">{name}</th>' in html
    csv = page.get("/integrated/reports/?group_by=collaborative_area&format=csv").content.decode()
    assert csv.splitlines()[1].startswith("etela,6,5,")
