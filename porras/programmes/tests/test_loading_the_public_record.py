from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from porras.accounts import services as accounts
from porras.programmes import models as m
from porras.programmes import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _counties() -> None:
    accounts.load_counties()


def test_loading_twice_gives_the_same_rows() -> None:
    first = services.load_public_record()
    second = services.load_public_record()
    assert first == second
    assert m.ProgrammeEntity.objects.count() == 4
    assert m.Project.objects.count() == 15
    assert m.Grant.objects.count() == 3
    assert m.PriorityArea.objects.count() == 5


def test_the_loaded_grants_keep_amounts_and_approximation() -> None:
    services.load_public_record()
    grants = {
        g.entity.code: (g.amount_eur, g.approximate, g.year) for g in m.Grant.objects.select_related("entity")
    }
    assert grants == {
        "mito": (Decimal("3300000.00"), True, 2020),
        "itsemurhien-ehkaisy": (Decimal("2000000.00"), True, 2020),
        "ips": (Decimal("3100000.00"), True, 2020),
    }
    [funds] = m.UnallocatedFunds.objects.all()
    assert (funds.amount_eur, funds.approximate) == (Decimal("5800000.00"), True)


def test_projects_are_linked_to_their_county() -> None:
    services.load_public_record()
    assert m.Project.objects.get(code="mito-pasek").county.code == "pirkanmaa"  # type: ignore[union-attr]
    assert m.Project.objects.get(code="mito-ikainstituutti").county is None


def test_the_command_loads_and_reports_counts() -> None:
    out = io.StringIO()
    call_command("programmes", "load", stdout=out)
    assert "4 entities, 15 projects, 3 grants" in out.getvalue()


def test_the_database_funding_report_matches_the_record() -> None:
    services.load_public_record()
    rows = services.funding_report(("programme", "year"))
    assert [(r.group["programme"], r.group["year"], r.amount_eur, r.approximate) for r in rows] == [
        ("mental-health-strategy-2020-2030", 2020, Decimal("6400000.00"), True),
        ("suicide-prevention-programme", 2020, Decimal("2000000.00"), True),
    ]
