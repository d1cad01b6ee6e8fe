"""The result PDF needs no login and keeps nothing about the resident: no saved assessment, no audit
entry, and the address only as the keyed hash of the PDF counter; a PDF download that no cache keeps;
answers the navigator refuses get 400 and count nothing."""

from __future__ import annotations

import json

import pytest

from porras.accounts.models import AuditEntry
from porras.navigator.models import AttemptCounter, SavedAssessment
from porras.navigator.tests.printing_helpers import answers, post_result_pdf

pytestmark = pytest.mark.django_db


def test_a_resident_gets_the_pdf_without_logging_in_and_nothing_is_kept(client) -> None:
    response = post_result_pdf(client, answers("fi", item9=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="itsearvio.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert (SavedAssessment.objects.count(), AuditEntry.objects.count()) == (0, 0)
    counter = AttemptCounter.objects.get()
    assert counter.key.startswith("pdf:") and "127.0.0.1" not in counter.key


@pytest.mark.parametrize("payload", ["", "not json", "[]", json.dumps({"age": -5, "concerns": ["depression"]})])
def test_answers_that_cannot_be_read_get_400(client, payload: str) -> None:
    response = client.post("/navigator/result.pdf", {"payload": payload})
    assert response.status_code == 400
    assert b"%PDF" not in response.content
    assert (SavedAssessment.objects.count(), AttemptCounter.objects.count()) == (0, 0)


def test_the_result_pdf_is_post_only(client) -> None:
    assert client.get("/navigator/result.pdf").status_code == 405
