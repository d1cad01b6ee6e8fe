"""Export → import into an emptied database reproduces every report exactly, and the audit chain verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from porras.accounts import audit
from porras.care.models import Appointment, Client, Episode, Measurement, RiskFlag
from porras.outcomes import services as reports
from porras.outcomes.domain.synth import synth

pytestmark = pytest.mark.django_db

GROUPINGS = ["", "county", "county,quarter", "unit,intervention", "age_group,sex", "language,year", "step,month"]


def _all_reports() -> dict[tuple[str, str], dict]:
    return {(kind, g): reports.run(kind, "db", g).as_dict() for kind in ("outcomes", "access") for g in GROUPINGS}


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
        assert reports.run(kind, str(exported), grouping).as_dict() == report, (kind, grouping)
    assert audit.verify().ok
