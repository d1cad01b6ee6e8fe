"""An import never keeps the first of conflicting values: a unit in two counties, a client with two
birth years, sexes, languages or counties, an episode id twice, an appointment or measurement of an
unknown episode - each is refused naming the rows, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from porras.accounts.models import Unit
from porras.care import interchange
from porras.care.models import Client, Episode

pytestmark = pytest.mark.django_db

HEAD = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
        "first_treatment_date,end_date,end_reason,step,intervention,problem")


def _import(folder: Path, episodes: str, appointments: str = "", measurements: str = "") -> set[tuple]:
    (folder / "episodes.csv").write_text(f"{HEAD}\n{episodes.strip()}\n", encoding="utf-8")
    (folder / "appointments.csv").write_text(f"appointment_id,episode_id,date,kind,status\n{appointments}",
                                             encoding="utf-8")
    (folder / "measurements.csv").write_text(f"measurement_id,episode_id,date,instrument,total,items\n{measurements}",
                                             encoding="utf-8")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(folder, "k")
    assert not Episode.objects.exists() and not Client.objects.exists()
    return {(e.table, e.row, e.column) for e in caught.value.errors}


def test_a_new_unit_with_two_counties_is_refused_naming_the_row(cast, tmp_path: Path) -> None:
    found = _import(tmp_path, """
1,c-1,pirkanmaa,new-unit,1990,female,fi,2026-01-05,,,,,,,
2,c-2,pirkanmaa,new-unit,1991,male,fi,2026-01-06,,,,,,,
3,c-3,helsinki,new-unit,1992,male,fi,2026-01-07,,,,,,,""")
    assert ("episodes", 3, "county_code") in found
    assert not Unit.objects.filter(code="new-unit").exists()


@pytest.mark.parametrize("second,column", [
    ("2,c-1,helsinki,u-1,1991,female,fi,2026-02-05,,,,,,,", "birth_year"),
    ("2,c-1,helsinki,u-1,1990,male,fi,2026-02-05,,,,,,,", "sex"),
    ("2,c-1,helsinki,u-1,1990,female,sv,2026-02-05,,,,,,,", "language"),
    ("2,c-1,pirkanmaa,u-2,1990,female,fi,2026-02-05,,,,,,,", "county_code"),
])
def test_one_client_with_conflicting_facts_is_refused_naming_the_row(cast, tmp_path: Path, second: str,
                                                                     column: str) -> None:
    found = _import(tmp_path, f"1,c-1,helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,\n{second}")
    assert ("episodes", 2, column) in found


def test_an_episode_id_twice_is_refused_naming_the_second_row(cast, tmp_path: Path) -> None:
    found = _import(tmp_path, "1,c-1,helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,\n"
                              "1,c-2,helsinki,u-1,1991,male,fi,2026-01-06,,,,,,,")
    assert ("episodes", 2, "episode_id") in found


def test_an_appointment_or_measurement_of_an_unknown_episode_is_refused(cast, tmp_path: Path) -> None:
    found = _import(tmp_path, "1,c-1,helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,",
                    "1,1,2026-01-06,assessment,attended\n2,9,2026-01-07,treatment,attended\n",
                    "1,8,2026-01-06,phq9,4,\n")
    assert {("appointments", 2, "episode_id"), ("measurements", 1, "episode_id")} <= found


def test_a_client_of_another_countys_register_here_is_refused(cast, tmp_path: Path) -> None:
    from porras.care import services

    services.register_client(cast.clinician_a, services.ClientInput("local", "X-1", birth_year=1990, county="helsinki",
                                                                    unit="unit-a"))
    code = Client.objects.get().code
    (tmp_path / "episodes.csv").write_text(f"{HEAD}\n1,{code},pirkanmaa,unit-b,1990,unknown,fi,2026-01-05,,,,,,,\n",
                                           encoding="utf-8")
    (tmp_path / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
    (tmp_path / "measurements.csv").write_text("measurement_id,episode_id,date,instrument,total,items\n",
                                               encoding="utf-8")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(tmp_path, "k")
    assert ("episodes", 1, "county_code") in {(e.table, e.row, e.column) for e in caught.value.errors}
    assert not Episode.objects.exists()
