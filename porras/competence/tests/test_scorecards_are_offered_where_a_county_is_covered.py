"""The menu offers scorecards (a whole county's figures) only to those whose aggregate scope covers a
county or the whole country: a unit's manager, whose scope is one unit, would find an empty page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu_has_scorecards(user: Any) -> bool:
    client = Client()
    client.force_login(user)
    html = client.get("/").content.decode()
    return f'href="{reverse("competence:scorecards")}"' in html


def test_a_unit_manager_is_not_offered_scorecards(cast: Any) -> None:
    assert not _menu_has_scorecards(cast.manager_a)


@pytest.mark.parametrize("who", ["county_manager_b", "county_analyst", "national_analyst"])
def test_county_and_national_readers_are_offered_scorecards(cast: Any, who: str) -> None:
    assert _menu_has_scorecards(getattr(cast, who))
