"""Identity codes and the other codes care compares accept ASCII only: a code written with
full-width or Arabic-Indic digits is refused naming the field, never a second client."""

from __future__ import annotations

import json

import pytest

from porras.care.domain.identity_code import IdentityCodeError, parse_identity_code
from porras.care.models import Client
from porras.care.tests.helpers import HETU

FULL_WIDTH = "１３１０５２-３０８T"  # HETU written with full-width digits
ARABIC_INDIC = "١٣١٠٥٢-٣٠٨T"


@pytest.mark.parametrize("code", [FULL_WIDTH, ARABIC_INDIC, "131052-３08T"])
def test_an_identity_code_with_non_ascii_digits_is_a_format_error(code: str) -> None:
    with pytest.raises(IdentityCodeError) as caught:
        parse_identity_code(code)
    assert caught.value.part == "format"


def _register(client, value: str, system: str = "hetu", **extra):
    body = {"identifier": {"system": system, "value": value}, "county": "helsinki", "unit": "unit-a", **extra}
    return client.post("/api/v1/clients", json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_a_full_width_identity_code_does_not_create_a_second_client(cast, api_client_for) -> None:
    api = api_client_for(cast.clinician_a)
    assert _register(api, HETU).status_code == 201
    refused = _register(api, FULL_WIDTH)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "identifier.value"
    assert Client.objects.count() == 1


@pytest.mark.django_db
def test_a_local_identifier_with_full_width_digits_is_refused_naming_the_field(cast, api_client_for) -> None:
    api = api_client_for(cast.clinician_a)
    assert _register(api, "MRN-1", "local", birth_year=1990).status_code == 201
    refused = _register(api, "MRN-１", "local", birth_year=1990)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "identifier.value"
    assert Client.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [("unit", "unit-ａ"), ("county", "helsinkі"), ("sex", "ｆemale")])
def test_other_codes_with_non_ascii_characters_are_refused_naming_the_field(cast, api_client_for, field: str,
                                                                            value: str) -> None:
    refused = _register(api_client_for(cast.clinician_a), HETU, **{field: value})
    assert refused.status_code == 422
    assert field in {e["field"] for e in refused.json()["detail"]}
    assert not Client.objects.exists()
