"""Compile every ``locale/*/LC_MESSAGES/django.po`` of the project into ``.mo`` (pure Python, polib).

Run as ``python -m porras.lib.i18n``; ``make`` does it before serving or testing, so that a fresh
machine needs no GNU gettext.
"""

from __future__ import annotations

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]


def po_files() -> list[Path]:
    return sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def compile_all() -> int:
    count = 0
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    return count


if __name__ == "__main__":
    print(f"compiled {compile_all()} message catalogue(s)")
