"""Voided records drop out of the outcome and access reports (the SQL engine on SQLite and PostgreSQL)
and of the export, which leaves them out; reporting on the export (DuckDB over Parquet) and on the
export imported into an emptied database gives the same reports."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from porras.care import services
from porras.care.models import Appointment, Client, Episode, Measurement, RiskFlag
from porras.lib.disclosure import Policy
from porras.outcomes import services as reports
from porras.outcomes.domain.engine import parse_group_by
from porras.outcomes.synth import synth

pytestmark = pytest.mark.django_db
GROUPINGS = ["", "county", "quarter"]


def _reports(source: str = "db") -> dict[tuple[str, str], dict]:
    # every group with its exact counts, so that a voided record's absence shows in each of them
    return {(kind, g): reports.run(kind, source, parse_group_by(g), policy=Policy(0, 1)).as_dict()
            for kind in ("outcomes", "access") for g in GROUPINGS}


def _finished_in(county: str) -> list[Episode]:
    return list(Episode.objects.filter(unit__organisation__county__code=county, end_date__isnull=False,
                                       first_treatment_date__isnull=False).order_by("pk")[:3])


def test_voided_records_leave_every_report_and_the_export(cast, tmp_path: Path) -> None:
    synth(300, 11, tmp_path / "synthetic")
    call_command("import", str(tmp_path / "synthetic"))
    before = _reports()
    manager = cast.county_manager_b  # a unit manager of the whole of Pirkanmaa
    whole, measured, visited = _finished_in("pirkanmaa")
    for flag in RiskFlag.objects.filter(episode=whole, acknowledged_at__isnull=True):
        services.acknowledge_risk_flag(manager, flag.pk, "assessed")
    services.void_episode(manager, whole.pk, whole.version, "imported twice")
    measurement = Measurement.objects.filter(episode=measured, instrument="phq9").order_by("date", "pk").first()
    assert measurement is not None
    for flag in RiskFlag.objects.filter(measurement=measurement, acknowledged_at__isnull=True):
        services.acknowledge_risk_flag(manager, flag.pk, "assessed")
    services.void_measurement(manager, measurement.pk, "entered for the wrong client")
    appointment = Appointment.objects.filter(episode=visited, kind="treatment", status="attended").order_by("-date")[0]
    services.void_appointment(manager, appointment.pk, "duplicate")

    after = _reports()
    national_before, national_after = before[("access", "")]["groups"][0], after[("access", "")]["groups"][0]
    assert national_after["referrals"] == national_before["referrals"] - 1  # the voided referral
    assert national_after["ended"] == national_before["ended"] - 1

    exported = tmp_path / "exported"
    call_command("export", str(exported))
    episode_ids = set(pq.read_table(exported / "episodes.parquet").column("episode_id").to_pylist())
    measurement_ids = set(pq.read_table(exported / "measurements.parquet").column("measurement_id").to_pylist())
    appointment_ids = set(pq.read_table(exported / "appointments.parquet").column("appointment_id").to_pylist())
    assert whole.pk not in episode_ids and measured.pk in episode_ids
    assert measurement.pk not in measurement_ids and appointment.pk not in appointment_ids
    assert not {m.pk for m in whole.measurements.all()} & measurement_ids
    assert _reports(str(exported)) == after

    RiskFlag.objects.all().delete()
    Measurement.objects.filter(corrects__isnull=False).delete()
    Measurement.objects.all().delete()
    Appointment.objects.all().delete()
    Episode.objects.all().delete()
    Client.objects.all().delete()
    call_command("import", str(exported))
    assert _reports() == after
