"""The catalogue's modules import in one direction: models know nothing of the use cases or of the
full-text index (the index lives in catalogue/search.py, connected when the app is ready)."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]


def imported_modules(module: str) -> set[str]:
    tree = ast.parse((APP / f"{module}.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_models_import_neither_the_services_nor_the_search_index():
    imported = imported_modules("models")
    assert not {"porras.catalogue.services", "porras.catalogue.search"} & imported


def test_the_search_index_does_not_import_the_services():
    assert "porras.catalogue.services" not in imported_modules("search")


def test_the_index_follows_a_save_once_the_app_is_ready(db):
    from django.db import connection

    from porras.accounts import services as accounts
    from porras.accounts.models import County
    from porras.catalogue import search
    from porras.catalogue.models import Service

    accounts.load_counties()
    county = County.objects.get(code="helsinki")
    service = Service.objects.create(county=county, name_fi="Unettomuuden hoito", status="published")
    plan = search.text.parse_query("unettomuutta")
    assert plan is not None
    found = search.matching(Service.objects.all(), plan)
    ids = found if isinstance(found, list) else [s.pk for s in found]
    assert ids == [service.pk], connection.vendor
