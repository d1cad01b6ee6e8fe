"""The client's copy of the safety plan: a PDF in the client's language (the UI language when Porras
does not speak the client's), with every part of the newest version, 112 and the crisis lines, the
version and its date, and nothing that names the client, the record or the staff."""

from __future__ import annotations

import pytest

from porras.care import services
from porras.care.tests.printing_helpers import PLAN, episode_with_plan
from porras.lib.testing import pdf_text

pytestmark = pytest.mark.django_db


def _pdf(client, episode_id: int, ui_language: str = "fi"):
    return client.get(f"/care/episodes/{episode_id}/safety-plan/copy.pdf", HTTP_ACCEPT_LANGUAGE=ui_language)


def test_the_copy_is_a_pdf_download_that_no_cache_keeps(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.clinician_a)
    response = _pdf(client, episode.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="turvasuunnitelma.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_the_copy_holds_every_part_of_the_plan_and_the_crisis_numbers(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a, language="fi")
    client.force_login(cast.clinician_a)
    text = pdf_text(_pdf(client, episode.pk).content)
    for part in PLAN.values():
        assert part in text
    for heading in ("Merkit siitä, että kriisi voi olla alkamassa", "Ihmiset ja paikat, jotka auttavat minua",
                    "Miten teen ympäristöstäni turvallisen"):
        assert heading in text
    assert "Soita hätänumeroon 112" in text
    assert "09 2525 0111" in text and "116117" in text
    assert "Versio 1, laadittu" in text


def test_the_copy_is_in_the_clients_language_whatever_the_ui_speaks(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a, language="sv")
    client.force_login(cast.clinician_a)
    response = _pdf(client, episode.pk, ui_language="fi")
    text = pdf_text(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="sakerhetsplan.pdf"'
    assert "Min säkerhetsplan" in text
    assert "Ring nödnumret 112" in text
    assert text.index("09 2525 0112") < text.index("09 2525 0111"), "the Swedish crisis line comes first"
    assert "Oma turvasuunnitelmani" not in text


def test_a_client_language_porras_does_not_speak_gives_the_ui_language(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a, language="se")
    client.force_login(cast.clinician_a)
    text = pdf_text(_pdf(client, episode.pk, ui_language="en").content)
    assert "My safety plan" in text and "Call the emergency number 112" in text


def test_the_copy_names_neither_the_client_nor_the_staff(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.colleague_a)
    text = pdf_text(_pdf(client, episode.pk).content)
    assert f"#{episode.client_id}" not in text
    assert episode.client.pseudonym not in text and episode.client.code not in text
    assert str(episode.client.birth_year) not in text
    assert "clinician_a" not in text and "colleague_a" not in text
    assert "Yksikkö A" in text, "the care unit is named, so that the client knows whom to call"


def test_the_copy_is_the_newest_version(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    services.save_safety_plan(cast.clinician_a, episode.pk, {**PLAN, "own_coping": "Music and a shower"})
    client.force_login(cast.clinician_a)
    text = pdf_text(_pdf(client, episode.pk).content)
    assert "Music and a shower" in text and "A walk by the sea" not in text
    assert "Versio 2" in text


def test_an_unwritten_part_leaves_room_to_write(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a, plan={"warning_signs": "Sleepless nights in a row"})
    client.force_login(cast.clinician_a)
    text = pdf_text(_pdf(client, episode.pk).content)
    assert text.count("Ei vielä täytetty: voit kirjoittaa tähän itse.") == 4


def test_an_episode_without_a_plan_has_no_copy(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    episode.safety_plans.all().delete()
    client.force_login(cast.clinician_a)
    assert _pdf(client, episode.pk).status_code == 404
    assert client.get(f"/care/episodes/{episode.pk}/safety-plan/copy/").status_code == 404


def test_the_print_page_shows_the_copy_and_links_its_pdf(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a, language="sv")
    client.force_login(cast.clinician_a)
    html = client.get(f"/care/episodes/{episode.pk}/safety-plan/copy/").content.decode()
    assert 'lang="sv"' in html and "Min säkerhetsplan" in html
    assert f'href="/care/episodes/{episode.pk}/safety-plan/copy.pdf"' in html
    assert 'media="print"' in html
