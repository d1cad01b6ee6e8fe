"""``porras demo``: demo organisations, users for every role, and each app's demo data. Idempotent."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Apps whose demo data others build on come first.
_ORDER = ["porras.accounts", "porras.instruments", "porras.catalogue", "porras.navigator", "porras.care"]


def _demo_modules() -> list[str]:
    names = [c.name for c in apps.get_app_configs() if c.name.startswith("porras.")]
    ordered = [n for n in _ORDER if n in names] + [n for n in names if n not in _ORDER]
    found = []
    for name in ordered:
        try:
            import_module(f"{name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.demo":
                raise
            continue
        found.append(f"{name}.demo")
    return found


class Command(BaseCommand):
    help = "Load demo organisations, users and data (refused when PORRAS_ENV=production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo data is refused when PORRAS_ENV=production")
        for module_name in _demo_modules():
            import_module(module_name).load()
            if options["verbosity"] > 0:
                self.stdout.write(f"loaded {module_name}")
