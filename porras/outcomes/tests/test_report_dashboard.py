"""The report pages: tables, SVG charts and downloads for managers and analysts only, every group
named and every figure formatted in the user's language, limited by a range of months."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.conf import settings

from porras.outcomes.tests.conftest import RECOVERING, STEADY
from porras.outcomes.tests.helpers import DataSet

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    """The page's visible text, spaces collapsed (no-break spaces kept)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&nbsp;", "\u00a0")


def _get(client: Any, language: str, url: str, params: dict[str, Any]) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_manager_sees_the_table_chart_and_downloads(cast, client, reports_from_folder):
    client.force_login(cast.manager_a)
    html = _get(client, "fi", "/reports/", {"kind": "outcomes", "group_by": "unit", "chart": "recovery_rate"})
    assert "<svg" in html and 'role="img"' in html and "<desc" in html
    text = _text(html)
    assert "Yksikkö A" in text and "Yksikkö B" not in text  # the unit's name, not its code
    assert "100\u00a0%" in text  # unit-a: 6 of 6 recovered, a whole percentage
    assert "format=parquet" in html


@pytest.mark.parametrize(
    ("language", "unit", "county", "rate", "definition"),
    [
        ("fi", "Yksikkö A", "Helsingin kaupunki", "72\u00a0%", "Toipumisosuus"),
        ("sv", "Enhet A", "Helsingfors stad", "72\u00a0%", "Andel återhämtade"),
        ("en", "Yksikkö A", "City of Helsinki", "72%", "Recovery rate"),
    ],
)
def test_groups_are_named_and_rates_are_percentages_in_each_language(
    cast, client, reports_from_folder, language, unit, county, rate, definition
):
    client.force_login(cast.national_analyst)
    text = _text(_get(client, language, "/reports/", {"kind": "outcomes", "group_by": ["county", "unit"]}))
    assert unit in text and county in text
    assert "unit-a" not in text and "helsinki" not in text
    total = _text(_get(client, language, "/reports/", {"kind": "outcomes"}))
    assert rate in total  # 13 of 18 recovered, from the exact counts
    assert definition in total and "docs/product.md" not in total and "PRODUCT" not in total


def test_medians_are_in_days_in_the_users_language(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    # every episode: referral 10.1., assessment 20.1. (10 days), first treatment 1.2. (22 days)
    fi = _text(_get(client, "fi", "/reports/", {"kind": "access"}))
    assert "10 päivää" in fi and "22 päivää" in fi
    sv = _text(_get(client, "sv", "/reports/", {"kind": "access"}))
    assert "10 dagar" in sv and "22 dagar" in sv


def test_the_month_range_limits_the_report_and_a_bad_month_is_a_sentence(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    # every episode of the folder ended on 1.5.2025
    inside = _text(_get(client, "fi", "/reports/", {"kind": "outcomes", "date_from": "2025-05", "date_to": "2025-05"}))
    assert "72\u00a0%" in inside
    outside = _text(_get(client, "fi", "/reports/", {"kind": "outcomes", "date_from": "2025-06"}))
    assert "Raportissa ei ole hoitojaksoja." in outside
    bad = _text(_get(client, "fi", "/reports/", {"kind": "outcomes", "date_from": "2025-13"}))
    assert "Anna kuukausi vuotena ja kuukautena, esimerkiksi 2025-03." in bad
    order = _text(_get(client, "sv", "/reports/", {"kind": "outcomes", "date_from": "2025-06", "date_to": "2025-05"}))
    assert "Den sista månaden kan inte vara före den första." in order
    response = client.get("/reports/download/", {"kind": "outcomes", "date_from": "2025-06", "format": "csv"})
    assert response.status_code == 200 and response.content.decode().strip().count("\n") == 0  # header only
    assert client.get("/reports/download/", {"kind": "outcomes", "date_from": "June"}).status_code == 400


def test_the_trend_shows_a_measure_by_period(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    html = _get(client, "fi", "/reports/trend/", {"measure": "recovery_rate", "period": "quarter"})
    assert 'class="report-chart trend-chart"' in html
    text = _text(html)
    assert "2. neljännes 2025" in text and "72\u00a0%" in text
    en = _text(_get(client, "en", "/reports/trend/", {"measure": "median_days_to_first_treatment", "period": "month"}))
    assert "1/2025 22 days" in en  # access counts by the month of referral (10.1.2025), as the month 1/2025


def test_the_report_pages_open_with_a_report_and_link_to_each_other(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    for url in ("/reports/", "/reports/trend/", "/reports/compare/"):
        html = _get(client, "fi", url, {})
        assert 'class="report-table' in html, url  # a report at once, with its defaults
        for other in ("/reports/", "/reports/trend/", "/reports/compare/"):
            assert f'href="{other}' in html


@pytest.fixture
def funnel_folder(settings: Any, tmp_path: Path) -> Path:
    """unit-a 30 of 30 reliably improved, unit-a2 5 of 30, unit-b 15 of 30: overall 50 of 90 (0.56).
    At n = 30, se = sqrt(0.56 x 0.44 / 30) = 0.0906: 99.8 % limits 0.28 and 0.84, 95 % limits 0.38
    and 0.74 - unit-a (1.00) is above the 99.8 % limit, unit-a2 (0.17) below it, unit-b (0.50) within."""
    ds = DataSet()
    for unit, county, improving in (("unit-a", "helsinki", 30), ("unit-a2", "helsinki", 5), ("unit-b", "pirkanmaa", 15)):
        for i in range(30):
            ds.add(unit, county=county, **(RECOVERING if i < improving else STEADY))  # type: ignore[arg-type]
    for name, table in ds.tables().items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    settings.PORRAS_REPORTS_SOURCE = str(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("language", "above", "below", "within"),
    [
        ("fi", "Yli 99,8 %:n rajan: Yksikkö A", "Alle 99,8 %:n rajan: Yksikkö A2", "Rajojen sisällä"),
        ("sv", "Över 99,8 %-gränsen: Enhet A", "Under 99,8 %-gränsen: Enhet A2", "Inom gränserna"),
        ("en", "Above the 99.8 % limit: Yksikkö A", "Below the 99.8 % limit: Yksikkö A2", "Within the limits"),
    ],
)
def test_the_funnel_names_the_units_outside_the_limits_in_words(
    cast, client, funnel_folder, language, above, below, within
):
    client.force_login(cast.national_analyst)
    html = _get(client, language, "/reports/compare/", {"measure": "reliable_improvement_rate", "level": "unit"})
    assert 'class="report-chart funnel-chart"' in html
    text = _text(html)
    assert above in text and below in text and within in text
    assert "Spiegelhalter" in text
    assert "56" in text  # the overall rate


def test_a_group_the_report_withholds_is_not_in_the_funnel(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    # unit-a2: none of 5 reliably improved - a count below 5, withheld, so its rate is too
    text = _text(_get(client, "fi", "/reports/compare/", {"measure": "reliable_improvement_rate", "level": "unit"}))
    assert "Ei sijoitettu, koska jokin luku on piilotettu: Yksikkö A2." in text
    assert text.count("Yksikkö A2") == 1


def test_a_download_gives_the_report_file(cast, client, reports_from_folder):
    client.force_login(cast.national_analyst)
    response = client.get("/reports/download/", {"kind": "access", "group_by": "county", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="porras-access.xlsx"'
    assert response.content[:2] == b"PK"


def test_a_professional_may_not_open_the_reports(cast, client, reports_from_folder):
    client.force_login(cast.clinician_a)
    for url in ("/reports/", "/reports/trend/", "/reports/compare/"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "language, says",
    [
        ("fi", "Tämä ryhmittely on liian tarkka"),
        ("sv", "Den här grupperingen är för detaljerad"),
        ("en", "This grouping is too fine to be checked for small counts"),
    ],
)
def test_a_grouping_too_fine_to_check_is_explained_on_the_page(
    cast, client, reports_from_folder, monkeypatch, language, says
):
    monkeypatch.setenv("PORRAS_DISCLOSURE_WORK_LIMIT", "10000")
    client.force_login(cast.national_analyst)
    keys = ["county", "unit", "intervention", "step", "age_group", "sex", "language", "month", "quarter", "year"]
    text = _text(_get(client, language, "/reports/", {"kind": "outcomes", "group_by": keys}))
    assert says in text
