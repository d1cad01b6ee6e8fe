"""Fill an app's fi/sv catalogues from a YAML file of ``msgid: {fi: ..., sv: ...}``.

Usage: ``python scripts/fill_po.py porras/<app> translations.yaml`` after ``makemessages``.
Plural messages: give ``fi``/``sv`` as a list ``[singular, plural]``. Entries not in the YAML are
left as they are, so the catalogue stays the record and the translation test stays the judge.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib
import yaml


def check(table: dict) -> None:
    """Refuse a row with keys other than fi/sv: in a YAML flow mapping an unquoted comma ends the
    value (``{fi: Jos ..., soita 112.}`` keeps only ``Jos ...``) and makes the rest a key."""
    for msgid, row in table.items():
        extra = sorted(set(row) - {"fi", "sv"}) if isinstance(row, dict) else []
        if extra:
            raise SystemExit(f"{msgid!r}: unexpected key(s) {extra}; quote values that contain a comma")


def main(app: str, source: str) -> None:
    table = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    check(table)
    for language in ("fi", "sv"):
        path = Path(app) / "locale" / language / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path))
        for entry in po:
            row = table.get(entry.msgid)
            if not row or language not in row:
                continue
            value = row[language]
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value, value]
                entry.msgstr_plural = {0: forms[0], 1: forms[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.metadata["Language"] = language
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        po.save()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
