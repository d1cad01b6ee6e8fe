"""A client is also found by the organisation's local identifier (its pseudonym in the organisation's
register, or the label given beside an identity code) and by an episode number - within the
searcher's units only."""

from __future__ import annotations

import pytest

from porras.accounts import services as accounts
from porras.accounts.services import UnitSpec
from porras.care import services
from porras.care.tests.helpers import HETU, make_case
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db


def _find(user, by: str, value: str) -> list[int]:
    return [c.pk for c in services.find_clients(user, by, value)]


def test_a_client_registered_by_local_identifier_is_found_by_it(cast) -> None:
    client, _ = services.register_client(cast.clinician_a, services.ClientInput(
        "local", "MRN-1001", birth_year=1980, sex="male", county="helsinki", unit="unit-a"))
    assert _find(cast.clinician_a, "local", " MRN-1001 ") == [client.pk]


def test_a_client_registered_by_identity_code_is_found_by_its_label(cast) -> None:
    client, _ = services.register_client(cast.clinician_a, services.ClientInput(
        "hetu", HETU, county="helsinki", unit="unit-a", local_identifier="POTILAS-77"))
    assert client.label == "POTILAS-77"
    assert _find(cast.clinician_a, "local", "POTILAS-77") == [client.pk]


def test_another_organisations_local_identifier_finds_nothing(cast) -> None:
    org = accounts.ensure_organisation("org-c", "helsinki", "Organisaatio C", "Organisation C")
    accounts.ensure_unit(org, UnitSpec("unit-c", "Yksikkö C", "Enhet C", "sote_centre"))
    user_c = accounts.create_user("clinician_c", "professional", unit_code="unit-c", password="x" * 12)
    services.register_client(user_c, services.ClientInput("local", "MRN-5", birth_year=1980, sex="male",
                                                          county="helsinki", unit="unit-c"))
    assert _find(cast.clinician_a, "local", "MRN-5") == []


def test_an_episode_number_finds_its_client_in_my_units_only(cast) -> None:
    case = make_case(cast.clinician_a)
    assert _find(cast.clinician_a, "episode", str(case.episode.pk)) == [case.client.pk]
    assert _find(cast.clinician_a, "episode", f"#{case.episode.pk}") == [case.client.pk]
    assert _find(cast.clinician_b, "episode", str(case.episode.pk)) == []


def test_an_episode_number_is_digits(cast) -> None:
    with pytest.raises(InputError) as refused:
        services.find_clients(cast.clinician_a, "episode", "12a")
    assert refused.value.fields == ["identifier"]


def test_the_web_search_finds_by_episode_number(cast, client) -> None:
    case = make_case(cast.clinician_a)
    client.force_login(cast.clinician_a)
    found = client.post("/care/find/", {"system": "episode", "value": str(case.episode.pk)})
    assert found.status_code == 302 and found["Location"] == f"/care/clients/{case.client.pk}/"
