"""The episode summary for handing over: a page and a PDF with the facts of the episode, a chart and a
data table for each instrument (the scores by session), the open risk flags and the safety plan."""

from __future__ import annotations

import pytest

from porras.care.tests.printing_helpers import episode_with_plan
from porras.lib.testing import pdf_text

pytestmark = pytest.mark.django_db


def test_the_summary_pdf_holds_the_scores_the_chart_and_the_plan(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.clinician_a)
    response = client.get(f"/care/episodes/{episode.pk}/summary.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="episode-{episode.pk}-summary.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert f"Hoitojakso {episode.pk}: yhteenveto" in text
    # PHQ-9 totals worked by hand: [2,2,2,2,1,1,1,1,1,0] -> 13, [1,1,1,1,1,1,1,1,0,0] -> 8.
    assert "PHQ-9" in text and "Kliininen raja 10" in text, "the chart's own texts are in the PDF"
    assert " 13 " in text and " 8 " in text
    assert "Avoimet riskimerkinnät" in text and "PHQ-9, kysymys 9" in text and "Joinakin päivinä" in text, \
        "the open risk flag reads as the question and the answer, as on the episode page"
    assert "Sleepless nights in a row" in text
    assert "Tulostettu" in text and "clinician_a" in text, "who printed it, and when"


def test_the_summary_page_shows_the_chart_as_svg_and_links_its_pdf(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.clinician_a)
    html = client.get(f"/care/episodes/{episode.pk}/summary/").content.decode()
    assert "<svg" in html and 'class="progress-chart"' in html
    assert f'href="/care/episodes/{episode.pk}/summary.pdf"' in html


def test_the_episode_page_links_both_prints(cast, client) -> None:
    episode = episode_with_plan(cast.clinician_a)
    client.force_login(cast.colleague_a)
    html = client.get(f"/care/episodes/{episode.pk}/").content.decode()
    for path in ("summary/", "summary.pdf", "safety-plan/copy/", "safety-plan/copy.pdf"):
        assert f'href="/care/episodes/{episode.pk}/{path}"' in html


def test_a_voided_measurement_is_left_out_of_the_summary_as_out_of_the_episode_page(cast, client) -> None:
    from porras.care import services
    from porras.care.models import Measurement

    episode = episode_with_plan(cast.clinician_a)
    second = Measurement.objects.filter(episode=episode).order_by("date").last()
    assert second is not None and not second.risk_flags.exists()
    services.void_measurement(cast.clinician_a, second.pk, "entered for the wrong client")
    client.force_login(cast.clinician_a)
    text = pdf_text(client.get(f"/care/episodes/{episode.pk}/summary.pdf").content)
    assert " 13 " in text, "the first session stays"
    assert " 8 " not in text, "the voided session left the summary's chart and table"
