"""HSDS export and import read nothing outside the installed package: no official schema files, no
folder beside the checkout (a deployment and an outside contributor's clone have none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

# Runs in a child process, so that the audit hook (which cannot be removed) stays there.
SCRIPT = """
import os, sys
repo, outside = sys.argv[1], sys.argv[2]

def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if path.startswith(outside + os.sep) and not path.startswith(repo + os.sep):
            raise RuntimeError("read outside the repository: " + path)

sys.addaudithook(hook)
import json
from porras.catalogue.domain import hsds
from porras.catalogue.domain.demo import load_demo

documents = hsds.export_services(load_demo().services)
catalogue = hsds.parse_document(json.loads(hsds.dumps(documents)))
print(len(catalogue.services))
"""


def test_export_and_import_read_no_file_beside_the_repository():
    env = {k: v for k, v in os.environ.items() if k != "PORRAS_HSDS_SCHEMA_DIR"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO), str(REPO.parent)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) == 26


def test_no_module_of_the_package_names_the_folder_beside_the_checkout():
    package = REPO / "porras"
    offenders = [
        str(path.relative_to(REPO))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and "../shared" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
