"""A resident downloads a saved result as a PDF with the code, without logging in: the look-up is
audited as anonymous, an unknown or expired code answers 404, and failed look-ups are limited per
address (10 per 15 minutes) like a professional's."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from porras.accounts.models import AuditEntry
from porras.lib.testing import pdf_text
from porras.navigator import services
from porras.navigator.models import SavedAssessment
from porras.navigator.tests.printing_helpers import answers

pytestmark = pytest.mark.django_db


def _fetch(client, code: str, address: str = "198.51.100.7"):
    return client.post("/navigator/saved/", {"code": code}, REMOTE_ADDR=address)


def test_the_code_gives_the_saved_result_as_a_pdf(client) -> None:
    saved = services.save_assessment(answers("sv", item9=1))
    response = _fetch(client, saved.code.lower())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Sök hjälp redan i dag" in text and "12 av 27" in text
    assert saved.expires_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in text
    entry = AuditEntry.objects.filter(action="navigator.assessment.print").order_by("-seq").first()
    assert (entry.username, entry.outcome) == ("anonymous", "ok")
    assert entry.object_id == str(SavedAssessment.objects.get().pk)


def test_an_unknown_code_answers_404_and_is_audited(client) -> None:
    response = _fetch(client, "ZZZZ-ZZZZ-ZZZZ")
    assert response.status_code == 404 and b"%PDF" not in response.content
    entry = AuditEntry.objects.filter(action="navigator.assessment.print").order_by("-seq").first()
    assert (entry.username, entry.outcome, entry.object_id) == ("anonymous", "failed", "")


def test_an_expired_code_answers_404(client) -> None:
    saved = services.save_assessment(answers("fi"), now=timezone.now() - dt.timedelta(days=31))
    assert _fetch(client, saved.code).status_code == 404


def test_failed_look_ups_are_limited_per_address(client) -> None:
    saved = services.save_assessment(answers("fi"))
    for _ in range(services.LOOKUP_LIMIT):
        assert _fetch(client, "ZZZZ-ZZZZ-ZZZZ").status_code == 404
    assert _fetch(client, "ZZZZ-ZZZZ-ZZZZ").status_code == 429
    assert _fetch(client, saved.code).status_code == 429, "even the right code waits for the window to end"
    assert _fetch(client, saved.code, address="203.0.113.9").status_code == 200, "another address is not held up"


def test_found_codes_do_not_count_against_the_limit(client) -> None:
    saved = services.save_assessment(answers("fi"))
    for _ in range(services.LOOKUP_LIMIT + 2):
        assert _fetch(client, saved.code).status_code == 200


def test_the_code_page_asks_for_the_code(client) -> None:
    response = client.get("/navigator/saved/")
    assert response.status_code == 200
    assert b'name="code"' in response.content


def test_the_saved_page_offers_the_pdf(client) -> None:
    response = client.post("/navigator/save/", {"payload": json.dumps(answers("fi"))})
    html = response.content.decode()
    assert 'action="/navigator/saved/"' in html and 'name="code"' in html
