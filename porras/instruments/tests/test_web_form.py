"""A professional fills an instrument on the web, sees its score, band and risk flag; the stored
response records the wording shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from porras.instruments.models import InstrumentResponse, TextPack

pytestmark = pytest.mark.django_db


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def phq9_post(answers: list[int | None], **extra: str) -> dict[str, str]:
    data = {f"item-{n}": str(a) for n, a in enumerate(answers, start=1) if a is not None}
    data.update(extra)
    return data


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/instruments/phq9/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_form_shows_every_question_as_a_fieldset_in_finnish(cast: Any) -> None:
    html = logged_in(cast.clinician_a).get("/instruments/phq9/").content.decode()
    assert html.count('<fieldset class="item') == 10
    assert "Olet tuntenut itsesi väsyneeksi tai voimattomaksi" in html


def test_submitting_shows_total_band_and_risk(cast: Any) -> None:
    client = logged_in(cast.clinician_a)
    response = client.post("/instruments/phq9/", phq9_post([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]))
    assert response.status_code == 302
    stored = InstrumentResponse.objects.get()
    assert stored.total == 9
    assert stored.has_risk is True
    assert stored.wording == "porras:phq9:1.0.0:fi"
    html = client.get(response["Location"]).content.decode()
    assert "Lievä" in html
    assert 'role="alert"' in html


def test_missing_answers_are_listed_and_linked(cast: Any) -> None:
    response = logged_in(cast.clinician_a).post("/instruments/gad7/", {"item-1": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#item-7"' in html
    assert InstrumentResponse.objects.count() == 0


def test_another_user_cannot_open_the_result(cast: Any) -> None:
    response = logged_in(cast.clinician_a).post("/instruments/phq9/", phq9_post([0] * 10))
    assert logged_in(cast.clinician_b).get(response["Location"]).status_code == 404


def test_a_chosen_text_pack_is_shown_and_recorded(cast: Any) -> None:
    pack = TextPack.objects.create(
        instrument="phq9", language="fi", name="Virallinen", source="test", texts={"1": "VIRALLINEN TEKSTI 1"}
    )
    client = logged_in(cast.clinician_a)
    assert "VIRALLINEN TEKSTI 1" in client.get(f"/instruments/phq9/?wording={pack.pk}").content.decode()
    client.post("/instruments/phq9/", phq9_post([0] * 10, wording=str(pack.pk)))
    stored = InstrumentResponse.objects.get()
    assert stored.text_pack == pack
    assert stored.wording == f"textpack:{pack.pk}"


def test_the_page_is_served_in_swedish_when_asked(cast: Any) -> None:
    client = logged_in(cast.clinician_a)
    client.cookies["porras_language"] = "sv"
    html = client.get("/instruments/gad7/").content.decode()
    assert "Du har haft svårt att slappna av" in html


def test_the_english_licence_notice_on_a_finnish_page_is_marked_as_english(cast: Any) -> None:
    """The licence text comes from the instrument's definition in English only: a screen reader reading the
    Finnish page must switch to English for it (WCAG 3.1.2, language of parts)."""
    client = logged_in(cast.clinician_a)
    client.cookies["porras_language"] = "fi"
    html = client.get("/instruments/phq9/").content.decode()
    assert '<html lang="fi"' in html
    assert '<p lang="en"><small>PHQ-9 was developed by' in html
