"""Work list and client pages show a label a professional recognises - the local identifier where
there is one (never a name), else the client id - and the client's language. A local identifier is
kept in clear, so a value that reads as an identity code is refused and nothing is written."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from porras.care import services
from porras.care.models import Client
from porras.care.tests.helpers import HETU, make_case
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db


def test_a_client_without_a_local_identifier_is_labelled_by_its_id(cast) -> None:
    case = make_case(cast.clinician_a)
    assert case.client.local_identifier == "" and case.client.label == f"#{case.client.pk}"


def test_a_local_identifier_is_the_label(cast) -> None:
    client, _ = services.register_client(cast.clinician_a, services.ClientInput(
        "local", "ASIAKAS-12", birth_year=1990, sex="female", county="helsinki", unit="unit-a", language="sv"))
    with translation.override("en"):
        assert (client.label, client.language_label) == ("ASIAKAS-12", "Swedish")


def test_a_record_from_before_labels_gets_the_label_when_registered_again(cast) -> None:
    case = make_case(cast.clinician_a)
    again, created = services.register_client(cast.clinician_a, services.ClientInput(
        "hetu", HETU, county="helsinki", unit="unit-a", local_identifier="MRN-9"))
    assert not created and again.pk == case.client.pk and again.label == "MRN-9"


@pytest.mark.parametrize("value", ["131052-308T", "131052308t", "Potilas 131052-308T"])
def test_a_local_identifier_that_reads_as_an_identity_code_is_refused(cast, value: str) -> None:
    with pytest.raises(InputError) as refused:
        services.register_client(cast.clinician_a, services.ClientInput(
            "local", value, birth_year=1952, sex="female", county="helsinki", unit="unit-a"))
    assert refused.value.fields == ["identifier.value"]
    with pytest.raises(InputError) as refused_label:
        services.register_client(cast.clinician_a, services.ClientInput(
            "hetu", "010101A123N", county="helsinki", unit="unit-a", local_identifier=value))
    assert refused_label.value.fields == ["local_identifier"]
    assert Client.objects.count() == 0


def test_the_api_returns_the_label_and_the_local_identifier(cast, api_client_for) -> None:
    created = api_client_for(cast.clinician_a).post("/api/v1/clients", json.dumps({
        "identifier": {"system": "hetu", "value": HETU}, "county": "helsinki", "unit": "unit-a",
        "local_identifier": "MRN-3"}), content_type="application/json").json()
    assert (created["label"], created["local_identifier"]) == ("MRN-3", "MRN-3")


def test_the_worklist_and_the_client_page_show_the_label_and_the_language(cast, client) -> None:
    labelled, _ = services.register_client(cast.clinician_a, services.ClientInput(
        "local", "ASIAKAS-12", birth_year=1990, sex="female", county="helsinki", unit="unit-a", language="sv"))
    services.open_episode(cast.clinician_a, labelled.pk, "unit-a", labelled.created_at.date(), ["anxiety"])
    client.force_login(cast.clinician_a)
    client.post("/i18n/setlang/", {"language": "en"})
    worklist = client.get("/care/").content.decode()
    assert "ASIAKAS-12" in worklist and "Swedish" in worklist
    page = client.get(f"/care/clients/{labelled.pk}/").content.decode()
    assert "ASIAKAS-12" in page and "Swedish" in page
