"""Export → import into an emptied database reproduces every report exactly, and the audit chain verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from porras.accounts import audit
from porras.care.models import Appointment, Client, Episode, Measurement, RiskFlag
from porras.lib.disclosure import Policy
from porras.outcomes import services as reports
from porras.outcomes.domain.engine import parse_group_by
from porras.outcomes.synth import synth

pytestmark = pytest.mark.django_db

GROUPINGS = ["", "county", "county,quarter", "unit,intervention", "age_group,sex", "language,year", "step,month"]


def _all_reports() -> dict[tuple[str, str], dict]:
    return {(kind, g): _run(kind, "db", g) for kind in ("outcomes", "access") for g in GROUPINGS}


def _run(kind: str, source: str, grouping: str) -> dict:
    # every group with its exact counts: the round trip must reproduce each of them
    return reports.run(kind, source, parse_group_by(grouping), policy=Policy(0, 1)).as_dict()


def _wipe() -> None:
    RiskFlag.objects.all().delete()
    Measurement.objects.all().delete()
    Appointment.objects.all().delete()
    Episode.objects.all().delete()
    Client.objects.all().delete()


def test_export_then_import_into_an_empty_database_gives_identical_reports(db, tmp_path: Path) -> None:
    source = tmp_path / "synthetic"
    synth(400, 7, source)
    call_command("import", str(source))
    first = _all_reports()
    assert first[("outcomes", "")]["groups"][0]["finished"] > 0, "the data set must exercise the outcome rules"

    exported = tmp_path / "exported"
    call_command("export", str(exported))
    _wipe()
    assert not Episode.objects.exists()
    call_command("import", str(exported))

    assert _all_reports() == first
    for (kind, grouping), report in first.items():
        assert _run(kind, str(exported), grouping) == report, (kind, grouping)
    assert audit.verify().ok
