"""Fixtures for the catalogue's database tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def demo_catalogue(db: Any) -> None:
    from porras.accounts import services as accounts
    from porras.catalogue import services

    accounts.load_counties()
    services.load_demo()
