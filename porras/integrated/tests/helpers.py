"""Shared set-up for the integrated-care tests: the fixed cast, plus a specialised psychiatry unit in
each of the cast's counties and a specialist in each, and an episode of unit A."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from porras.accounts import services as accounts
from porras.accounts.models import Organisation
from porras.accounts.services import UnitSpec
from porras.care.tests.helpers import make_case

SPECIALIST_PASSWORD = "cast-password-123!"


@dataclass
class World:
    cast: Any
    episode: Any
    psy_a: Any
    psy_b: Any
    specialist_a: Any
    specialist_b: Any


@pytest.fixture
def world(cast: Any) -> World:
    psy_a = accounts.ensure_unit(Organisation.objects.get(code="org-a"),
                                 UnitSpec("psy-a", "Psykiatria A", "Psykiatri A", "specialised_psychiatry"))
    psy_b = accounts.ensure_unit(Organisation.objects.get(code="org-b"),
                                 UnitSpec("psy-b", "Psykiatria B", "Psykiatri B", "specialised_psychiatry"))
    specialist_a = accounts.create_user("specialist_a", "professional", unit_code="psy-a", password=SPECIALIST_PASSWORD)
    specialist_b = accounts.create_user("specialist_b", "professional", unit_code="psy-b", password=SPECIALIST_PASSWORD)
    case = make_case(cast.clinician_a)
    return World(cast, case.episode, psy_a, psy_b, specialist_a, specialist_b)


QUESTION = {"specialist_unit": "psy-a", "question": "Onko lääkitystä syytä arvioida?", "urgency": "urgent",
            "preferred_form": "written_advice"}
