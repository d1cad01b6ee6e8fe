"""The ``porras`` console script: Django's command runner with Porras settings.

Verbs are Django management commands of the Porras apps (``serve``, ``demo``, ``user``, ``token``,
``audit``, ``org``, ``score``, ...), plus Django's own (``migrate``).

Two verbs need none of Django's apps and start without them (BENCHMARKS.md section 1b: loading
every app's models and their libraries took longer than the national report itself):

* the command list (``porras``, ``porras help``): the same text as Django's, read from the
  ``management/commands`` folders of the installed apps without importing them;
* ``porras report outcomes|access --source DIR [--engine duckdb|spark]``: a report of a data set
  (a folder, or with Spark a URI), through the same :mod:`porras.outcomes.report_command` as the
  management command.

Anything else - another verb, ``--source db``, an option only Django knows, another settings
module - goes to Django's command runner.
"""

from __future__ import annotations

import importlib.util
import os
import pkgutil
import sys
from collections import defaultdict
from typing import Any

SETTINGS = "porras.settings"


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        quick = _quick(args) if os.environ["DJANGO_SETTINGS_MODULE"] == SETTINGS else None
        if quick is not None:
            raise SystemExit(quick)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["porras", *args])
    except Exception as exc:
        # Django is imported only where it is needed: a folder report never loads it (~10 ms of
        # every start, BENCHMARKS.md 1b), so its exception class is looked up here.
        from django.core.exceptions import ImproperlyConfigured

        if not isinstance(exc, ImproperlyConfigured):
            raise
        print(f"porras: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _quick(args: list[str]) -> int | None:
    """Exit status of a verb run without Django's apps, or None to hand it to Django."""
    if args in ([], ["help"], ["--help"], ["-h"]):
        text = command_list("porras")
        if text is None:
            return None
        sys.stdout.write(text + "\n")
        return 0
    if args[:1] == ["report"]:
        return _folder_report(args[1:])
    return None


def _commands_in(package: str) -> list[str] | None:
    """Django's ``find_commands`` for an app given by module name, without importing the app."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = os.path.join(list(spec.submodule_search_locations)[0], "management", "commands")
    return [name for _, name, is_pkg in pkgutil.iter_modules([folder]) if not is_pkg and not name.startswith("_")]


def command_list(prog_name: str) -> str | None:
    """Django's main help text (``ManagementUtility.main_help_text``) for the installed apps, or None
    when an installed app is not a plain module name (then Django is asked)."""
    from django.conf import settings

    core = _commands_in("django.core")
    if core is None:
        return None
    commands = dict.fromkeys(core, "django.core")
    for app in reversed(settings.INSTALLED_APPS):
        found = _commands_in(app)
        if found is None:
            return None
        commands.update(dict.fromkeys(found, app))
    by_app: dict[str, list[str]] = defaultdict(list)
    for name, app in commands.items():
        by_app["django" if app == "django.core" else app.rpartition(".")[-1]].append(name)
    notice = _notice_style()
    lines = ["", f"Type '{prog_name} help <subcommand>' for help on a specific subcommand.", "", "Available subcommands:"]
    for app in sorted(by_app):
        lines += ["", notice(f"[{app}]"), *(f"    {name}" for name in sorted(by_app[app]))]
    return "\n".join(lines)


def _notice_style() -> Any:
    """Django's NOTICE style (red) on a terminal that shows colours, as ``color_style()`` decides."""
    if os.environ.get("DJANGO_COLORS") == "nocolor" or not (hasattr(sys.stdout, "isatty") and sys.stdout.isatty()):
        return lambda text: text
    from django.utils.termcolors import make_style

    return make_style(fg="red")


class _Unparsed(Exception):
    pass


def _folder_report(args: list[str]) -> int | None:
    import argparse

    from porras.outcomes import report_command

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:  # Django's parser will say it
            raise _Unparsed

    parser = Parser(prog="porras report", description=report_command.HELP, add_help=False)
    report_command.add_arguments(parser)
    try:
        options, unknown = parser.parse_known_args(args)
    except _Unparsed:
        return None  # let Django's parser say what is wrong, as it always has
    if unknown or options.source == "db":
        return None
    from types import SimpleNamespace

    from porras.lib import disclosure, env
    from porras.outcomes.domain.engine import ReportError

    try:
        # The two settings a folder report reads, without loading Django's settings (this path
        # runs only with porras.settings, which takes them from the same function).
        minimum, base = disclosure.configured()
    except env.ConfigError as exc:
        sys.stderr.write(f"porras: configuration error: {exc}\n")
        return 2
    settings = SimpleNamespace(PORRAS_SUPPRESSION_MIN=minimum, PORRAS_ROUNDING_BASE=base)
    try:
        report = report_command.report(vars(options), settings)
    except ReportError as exc:
        sys.stderr.write(f"CommandError: {exc}\n")  # as Django's runner prints a CommandError
        return 1
    report_command.write(report, vars(options), sys.stdout, sys.stderr)
    return 0


if __name__ == "__main__":
    main()
