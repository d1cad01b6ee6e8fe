"""The care demo builds on the accounts demo and can be loaded twice."""

from __future__ import annotations

import pytest

from porras.accounts import demo as accounts_demo
from porras.care import demo
from porras.care.models import Client, Episode, Measurement, RiskFlag

pytestmark = pytest.mark.django_db


def test_the_demo_loads_clients_with_sessions_and_is_idempotent() -> None:
    accounts_demo.load()
    demo.load()
    demo.load()
    assert Client.objects.count() == 3
    assert Episode.objects.filter(unit__code="hki-kalasatama").count() == 3
    assert Measurement.objects.filter(instrument="phq9").count() == 6
    assert RiskFlag.objects.filter(acknowledged_at__isnull=True).count() == 1
