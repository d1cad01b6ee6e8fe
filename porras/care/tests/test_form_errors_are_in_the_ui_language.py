"""A rule broken in a form is shown on its field in the UI language (Finnish, Swedish or English)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from porras.care.tests.helpers import HETU_2000

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language,text", [("fi", "Ei saa olla tulevaisuudessa"),
                                           ("sv", "Får inte ligga i framtiden"),
                                           ("en", "Must not be in the future")])
def test_a_future_referral_date_is_explained_in_the_ui_language(cast, client, language: str, text: str) -> None:
    client.force_login(cast.clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": HETU_2000, "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_source": "self",
        "referral_date": (dt.date.today() + dt.timedelta(days=1)).isoformat()}).content.decode()
    assert 'id="id_referral_date_error"' in page
    assert text in page


@pytest.mark.parametrize("language,text", [("fi", "tarkistusmerkki ei täsmää"), ("sv", "kontrolltecknet stämmer inte"),
                                           ("en", "check character does not match")])
def test_a_wrong_identity_code_is_explained_on_its_field(cast, client, language: str, text: str) -> None:
    client.force_login(cast.clinician_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.post("/care/referrals/new/", {
        "identifier_system": "hetu", "identifier_value": "010101A123M", "county": "helsinki", "language": "fi",
        "unit": "unit-a", "referral_date": dt.date.today().isoformat(), "referral_source": "self"}).content.decode()
    assert 'id="id_identifier_value_error"' in page
    assert text in page
