"""County scorecards and the counties side by side: the reports' figures with the national one beside
each (docs/product.md §6 J)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from porras.competence import scorecard
from porras.competence.tests.helpers import finished_episode
from porras.lib.errors import NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_finished(cast: Any, settings: Any) -> Any:
    # Nothing withheld, nothing rounded, so that the figures can be checked by hand.
    settings.PORRAS_SUPPRESSION_MIN = 0
    settings.PORRAS_ROUNDING_BASE = 1
    finished_episode(cast.clinician_a, "H-1", recovered=True)
    finished_episode(cast.clinician_a, "H-2", recovered=False)
    finished_episode(cast.clinician_b, "P-1", recovered=True, unit="unit-b", county="pirkanmaa")
    return cast


def _line(lines: list[Any], column: str) -> Any:
    return next(line for line in lines if line.column == column)


def test_a_county_figure_has_the_national_one_beside_it(three_finished: Any) -> None:
    card = scorecard.county_scorecard(three_finished.national_analyst, "helsinki")
    # By hand: Helsinki 2 finished, 1 recovered (1/2); the country 3 finished, 2 recovered (2/3).
    assert (_line(card.outcomes, "finished").county, _line(card.outcomes, "finished").nation) == (2, 3)
    recovery = _line(card.outcomes, "recovery_rate")
    assert recovery.county == 0.5 and recovery.nation == pytest.approx(2 / 3)
    assert (_line(card.access, "referrals").county, _line(card.access, "referrals").nation) == (2, 3)
    assert card.collaborative_area is not None and card.collaborative_area.code == "etela"
    assert [t["year"] for t in card.trends] != []


def test_a_county_analyst_gets_their_county_and_the_national_figures_rounded(three_finished: Any,
                                                                             settings: Any) -> None:
    settings.PORRAS_SUPPRESSION_MIN = 5
    settings.PORRAS_ROUNDING_BASE = 5
    card = scorecard.county_scorecard(three_finished.county_analyst, "helsinki")
    # 2 and 3 finished are below the minimum 5: withheld on both sides.
    assert _line(card.outcomes, "finished").county is None and _line(card.outcomes, "finished").nation is None
    with pytest.raises(NotFound):
        scorecard.county_scorecard(three_finished.county_analyst, "pirkanmaa")


def test_a_reader_without_county_aggregates_gets_no_scorecard(cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        scorecard.county_scorecard(cast.manager_a, "helsinki")  # a unit's aggregates, not the county's


def test_the_comparison_lists_counties_by_collaborative_area(three_finished: Any) -> None:
    rows, _ = scorecard.county_comparison(three_finished.national_analyst)
    codes = [r.county.code for r in rows]
    assert codes.index("helsinki") < codes.index("varsinais-suomi") < codes.index("pirkanmaa") < codes.index("lappi")
    helsinki = next(r for r in rows if r.county.code == "helsinki")
    assert (helsinki.referrals, helsinki.recovery_rate) == (2, 0.5)


@pytest.mark.parametrize(("language", "heading"), [("fi", "Hoitoon pääsy ja takuut"), ("sv", "Tillgång och garantier")])
def test_the_scorecard_page_and_pdf_speak_finnish_and_swedish(three_finished: Any, language: str,
                                                              heading: str) -> None:
    client = Client()
    client.force_login(three_finished.county_analyst)
    client.cookies["django_language"] = language
    page = client.get("/competence/scorecards/helsinki/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200 and heading in page.content.decode()
    pdf = client.get("/competence/scorecards/helsinki/pdf/", HTTP_ACCEPT_LANGUAGE=language)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert f"scorecard-helsinki-{language}.pdf" in pdf["Content-Disposition"]


def test_national_readers_see_the_collaborative_areas_side_by_side(three_finished: Any) -> None:
    rows = {r.area.code: r for r in scorecard.area_comparison(three_finished.national_analyst)}
    assert list(rows) == ["etela", "lounais", "lansi", "ita", "pohjois"]
    # By hand: Helsinki (etela) 2 referrals, 1 of 2 recovered; Pirkanmaa (lansi) 1 referral, recovered.
    assert (rows["etela"].referrals, rows["etela"].recovery_rate) == (2, 0.5)
    assert (rows["lansi"].referrals, rows["lansi"].recovery_rate) == (1, 1.0)
    assert (rows["ita"].referrals, rows["ita"].recovery_rate) == (0, None)  # no episodes there (minimum 0 here)
    assert scorecard.area_comparison(three_finished.county_analyst) == []
