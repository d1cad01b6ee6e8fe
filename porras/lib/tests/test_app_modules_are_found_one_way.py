"""Apps' optional modules (``nav.py``, ``dataset_export.py``, ``retention.py`` ...) are found in one place,
``porras.lib.discovery.app_modules``: every app that has the file, no app that lacks it, and an import error
inside such a module is not mistaken for a missing module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import porras
from porras.lib import discovery

ROOT = Path(porras.__file__).parent


def test_every_app_with_the_module_is_found_and_no_other() -> None:
    on_disk = {f"porras.{p.parent.name}.dataset_import" for p in ROOT.glob("*/dataset_import.py")}
    found = {m.__name__ for m in discovery.app_modules("dataset_import")}
    assert on_disk and found == on_disk


def test_an_excluded_app_is_skipped() -> None:
    found = {m.__name__ for m in discovery.app_modules("dataset_export", exclude=("porras.care",))}
    assert "porras.care.dataset_export" not in found
    assert found == {f"porras.{p.parent.name}.dataset_export" for p in ROOT.glob("*/dataset_export.py")} - {
        "porras.care.dataset_export"}


def test_a_module_that_fails_to_import_something_of_its_own_is_not_skipped(monkeypatch: Any) -> None:
    def broken(name: str) -> Any:
        raise ModuleNotFoundError("No module named 'missing_dependency'", name="missing_dependency")

    monkeypatch.setattr(discovery, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        discovery.app_modules("nav")
