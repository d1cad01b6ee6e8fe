"""``porras import`` reads the integrated tables back: export → import into an emptied database →
export gives the same files; a bad row of an integrated table is named by table, row and column and
nothing of the data set (care's tables included) is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from porras.care import interchange
from porras.care.interchange import ImportFailed
from porras.care.models import Appointment, Client, Episode, Measurement, RiskFlag
from porras.integrated import dataset_import, services
from porras.integrated.models import Consultation, SocialCareMember, SomaticCheck, SomaticRiskGroup
from porras.integrated.tests.helpers import World, world  # noqa: F401

TABLES = ("episodes", "consultations", "social_care", "somatic_checks", "somatic_risk_groups")


def _fill(w: World) -> None:
    e = w.episode.pk
    answered = services.ask(w.cast.clinician_a, e, "psy-a", "Kysymys", "urgent", "video")
    services.answer(w.specialist_a, answered.pk, "Vastaus", "transfer")
    services.ask(w.cast.clinician_a, e, "psy-a", "Toinen", "non_urgent", "written_advice")
    withdrawn = services.ask(w.cast.clinician_a, e, "psy-a", "Peruttu", "non_urgent", "video")
    services.withdraw(w.cast.clinician_a, withdrawn.pk)
    services.add_social_care(w.cast.clinician_a, e, "social_work", "Sosiaalityöntekijä", "09 1",
                             w.episode.referral_date)
    services.add_risk_group(w.cast.clinician_a, e, "schizophrenia")
    services.record_somatic_check(w.cast.clinician_a, e, timezone.localdate(),
                                  {"systolic": 150, "diastolic": 85, "smoking": True, "glucose": 5.4})


def _wipe() -> None:
    for model in (SomaticRiskGroup, SomaticCheck, SocialCareMember, Consultation, RiskFlag, Measurement,
                  Appointment, Episode, Client):
        model.objects.all().delete()


def _read(folder: Path) -> dict[str, Any]:
    return {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}


def test_export_import_export_gives_the_same_files(world: World, tmp_path: Path) -> None:  # noqa: F811
    _fill(world)
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export", str(first))
    before = _read(first)
    assert before["consultations"].num_rows == 2  # the withdrawn question is not exported
    assert before["somatic_checks"].to_pylist()[0]["item"] == "systolic"
    assert [(r["item"], r["value"], r["flagged"]) for r in before["somatic_checks"].to_pylist()] == [
        ("systolic", 150.0, True), ("diastolic", 85.0, False), ("glucose", 5.4, False), ("smoking", 1.0, True)]
    _wipe()
    call_command("import", str(first))
    assert SomaticCheck.objects.get().values == {"systolic": 150, "diastolic": 85, "smoking": True, "glucose": 5.4}
    call_command("export", str(second))
    after = _read(second)
    for name in TABLES:
        assert after[name].equals(before[name]), name


def _write_csv(folder: Path, name: str, text: str) -> None:
    (folder / f"{name}.csv").write_text(text.strip() + "\n", encoding="utf-8")


def test_a_bad_integrated_row_is_named_and_nothing_is_imported(world: World, tmp_path: Path, capsys: Any) -> None:  # noqa: F811
    _fill(world)
    call_command("export", str(tmp_path))
    _wipe()
    (tmp_path / "somatic_checks.parquet").unlink()
    (tmp_path / "consultations.parquet").unlink()
    _write_csv(tmp_path, "somatic_checks", f"""
check_id,episode_id,date,item,value,flagged,limits_version
1,{world.episode.pk},2026-01-05,systolic,150,true,v1
1,{world.episode.pk},2026-01-06,pulse,60,false,v1
""")
    _write_csv(tmp_path, "consultations", """
consultation_id,episode_id,specialist_unit_id,asked_date,urgency,preferred_form,answered_date,outcome
7,999999,psy-a,2026-01-05,urgent,video,2026-01-04,
""")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(tmp_path))
    err = capsys.readouterr().err
    assert "somatic_checks, row 2, column date: differs from row 1 of the same check_id" in err
    assert "somatic_checks, row 2, column item: is not an item of the somatic health check" in err
    assert "consultations, row 1, column episode_id: is not an episode of the data set or this database" in err
    assert "consultations, row 1, column answered_date: cannot be before asked_date" in err
    assert "consultations, row 1, column outcome: answered_date and outcome are given together or not at all" in err
    assert not Episode.objects.exists() and not Consultation.objects.exists() and not SomaticCheck.objects.exists()


def test_importing_the_same_rows_again_is_refused_by_row(world: World, tmp_path: Path) -> None:  # noqa: F811
    _fill(world)
    call_command("export", str(tmp_path))
    with pytest.raises(ImportFailed) as failed:
        dataset_import.import_(tmp_path)
    reasons = {(e.table, e.row, e.column, e.reason) for e in failed.value.errors}
    assert ("consultations", 1, "consultation_id", "already exists in this database") in reasons
    assert ("somatic_risk_groups", 1, "risk_group", "is already recorded on this episode") in reasons
    assert Consultation.objects.count() == 3


def test_care_discovers_the_integrated_import_hook() -> None:
    assert dataset_import in interchange.app_import_hooks()
