"""On a machine without Pango (WeasyPrint cannot load), a PDF answers 503 with the error page and
everything else, the print pages included, goes on working."""

from __future__ import annotations

import sys

import pytest

from porras.care.tests.printing_helpers import episode_with_plan
from porras.lib import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_weasyprint(monkeypatch):
    pdf._weasyprint.cache_clear()
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the import fails as it does without the library
    yield
    pdf._weasyprint.cache_clear()


def test_the_pdf_answers_503_and_the_page_still_works(cast, client, no_weasyprint) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.clinician_a)
    response = client.get(f"/care/episodes/{episode.pk}/safety-plan/copy.pdf")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert client.get(f"/care/episodes/{episode.pk}/safety-plan/copy/").status_code == 200
