"""Every message has a Finnish and a Swedish translation, and every string in the code is in a catalogue."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import need

PACKAGE = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent for p in PACKAGE.glob("*/apps.py"))


def _catalogue(app: Path, language: str) -> Path:
    return app / "locale" / language / "LC_MESSAGES" / "django.po"


def _apps_with_strings() -> list[Path]:
    return [app for app in APPS if _catalogue(app, "fi").exists()]


def test_the_web_shell_has_catalogues_for_all_three_languages() -> None:
    for language in ("fi", "sv", "en"):
        assert _catalogue(PACKAGE / "web", language).exists()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_message_has_a_translation(language: str) -> None:
    missing: list[str] = []
    for app in _apps_with_strings():
        path = _catalogue(app, language)
        assert path.exists(), f"{app.name} has a Finnish catalogue but no {language} one"
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or not entry.translated():
                missing.append(f"{app.name}: {entry.msgid!r}")
    assert not missing, f"{len(missing)} message(s) lack a {language} translation: {missing[:20]}"


def test_every_translatable_string_in_the_code_is_in_the_catalogues(tmp_path: Path) -> None:
    need(shutil.which("xgettext") is not None, "GNU gettext (xgettext) is needed to extract messages")
    missing: list[str] = []
    # porras/lib has no catalogue of its own: the web shell's holds its strings (porras/lib/forms.py)
    for source, app in [*((app, app) for app in APPS), (PACKAGE / "lib", PACKAGE / "web")]:
        copy = tmp_path / source.name
        # one level down, so that no module of ours (lib/numbers.py) shadows the standard library's
        shutil.copytree(source, copy / "src", ignore=shutil.ignore_patterns("locale", "tests", "__pycache__"))
        (copy / "locale").mkdir()
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "fi", "--no-location", "--no-obsolete"],
            cwd=copy, check=True, capture_output=True, env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
        )
        extracted = _catalogue(copy, "fi")
        if not extracted.exists():
            continue
        wanted = {e.msgid for e in polib.pofile(str(extracted))}
        have_path = _catalogue(app, "fi")
        have = {e.msgid for e in polib.pofile(str(have_path))} if have_path.exists() else set()
        missing += [f"{app.name}: {m!r}" for m in sorted(wanted - have)]
    assert not missing, f"strings missing from the catalogues (run makemessages): {missing[:20]}"


def test_no_catalogue_holds_a_message_twice() -> None:
    twice = []
    for app in _apps_with_strings():
        for language in ("fi", "sv", "en"):
            path = _catalogue(app, language)
            if not path.exists():
                continue
            seen: set[tuple[str | None, str]] = set()
            for entry in polib.pofile(str(path)):
                key = (entry.msgctxt, entry.msgid)
                if key in seen:
                    twice.append(f"{app.name}/{language}: {entry.msgid!r}")
                seen.add(key)
    assert not twice, f"messages listed twice (msgfmt refuses such a catalogue): {twice}"


def test_gnu_msgfmt_accepts_every_catalogue_with_its_checks() -> None:
    """``msgfmt -c`` (what translators' tools and distributions run) finds no error: a message flagged
    ``python-format`` whose translation does not keep its placeholders (or a "%" sign read as one)."""
    need(shutil.which("msgfmt") is not None, "GNU gettext (msgfmt) is needed to check the catalogues")
    refused = []
    for app in _apps_with_strings():
        for language in ("fi", "sv", "en"):
            path = _catalogue(app, language)
            done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
            if done.returncode != 0:
                refused.append(f"{app.name}/{language}: {done.stderr.strip().splitlines()[-2:]}")
    assert not refused, refused
