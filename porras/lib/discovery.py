"""The one way an app's optional module is found: ``porras.<app>.<name>`` among the installed apps.

The shell (URLs, API routers, navigation, reasons, demo data, purge) and the apps that show others'
sections (care's episode page, worklist, import and export) find what apps offer by a module name
instead of importing them: an app adds a ``nav.py`` or ``dataset_export.py`` and nothing else
changes. Imports no app.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import apps


def app_modules(name: str, *, exclude: tuple[str, ...] = ()) -> list[ModuleType]:
    """The ``porras.<app>.<name>`` modules of the installed Porras apps that have one, in the order of
    ``INSTALLED_APPS``; apps named in ``exclude`` (``"porras.care"``) are skipped. An error raised
    *inside* such a module (a missing import of its own) is not hidden."""
    found: list[ModuleType] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("porras.") or config.name in exclude:
            continue
        module_name = f"{config.name}.{name}"
        try:
            found.append(import_module(module_name))
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
    return found
