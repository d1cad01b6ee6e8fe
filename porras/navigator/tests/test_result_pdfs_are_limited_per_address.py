"""Anonymous result PDFs are limited per client address (PORRAS_NAVIGATOR_PDFS_PER_HOUR; a PDF costs
real CPU): past the limit the resident gets 429 with a page that says the result is still there,
another address is not held up, and the window ends after an hour."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from porras.navigator.models import AttemptCounter
from porras.navigator.tests.printing_helpers import answers

pytestmark = pytest.mark.django_db


def _post(client, address: str):
    return client.post("/navigator/result.pdf", {"payload": json.dumps(answers("fi"))}, REMOTE_ADDR=address)


def test_past_the_limit_the_pdf_answers_429(client, settings) -> None:
    settings.PORRAS_NAVIGATOR_PDFS_PER_HOUR = 2
    assert [_post(client, "198.51.100.7").status_code for _ in range(3)] == [200, 200, 429]
    refused = _post(client, "198.51.100.7")
    assert refused.status_code == 429 and b"%PDF" not in refused.content
    assert "Tuloksesi on yhä edellisellä sivulla" in refused.content.decode()
    assert _post(client, "203.0.113.9").status_code == 200, "another address is not held up"


def test_the_window_ends_after_an_hour(client, settings) -> None:
    settings.PORRAS_NAVIGATOR_PDFS_PER_HOUR = 1
    assert _post(client, "198.51.100.7").status_code == 200
    assert _post(client, "198.51.100.7").status_code == 429
    AttemptCounter.objects.update(window_ends=timezone.now() - dt.timedelta(seconds=1))
    assert _post(client, "198.51.100.7").status_code == 200
