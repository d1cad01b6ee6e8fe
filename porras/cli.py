"""The ``porras`` console script: Django's command runner with Porras settings.

Verbs are Django management commands of the Porras apps (``serve``, ``demo``, ``user``, ``token``,
``audit``, ``org``, ``score``, ...), plus Django's own (``migrate``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porras.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    args = ["porras", *(sys.argv[1:] if argv is None else argv)]
    try:
        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        print(f"porras: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
