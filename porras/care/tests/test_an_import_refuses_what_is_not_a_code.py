"""Every code column of an import must look like a code (ASCII, the column's pattern and length): a
formula such as =HYPERLINK(...) or full-width digits is refused with the row-level report; nothing is
written."""

from __future__ import annotations

from pathlib import Path

import pytest

from porras.care import interchange
from porras.care.models import Client, Episode

pytestmark = pytest.mark.django_db

HEAD = ("episode_id,client_id,county_code,unit_id,birth_year,sex,language,referral_date,assessment_date,"
        "first_treatment_date,end_date,end_reason,step,intervention,problem")
GOOD = "1,c-1,helsinki,u-1,1990,female,fi,2026-01-05,2026-01-12,2026-01-19,,,2,IDY03,depression"


def _refused(folder: Path, episodes: str, measurements: str = "") -> set[tuple]:
    (folder / "episodes.csv").write_text(f"{HEAD}\n{GOOD}\n{episodes}\n", encoding="utf-8")
    (folder / "appointments.csv").write_text("appointment_id,episode_id,date,kind,status\n", encoding="utf-8")
    (folder / "measurements.csv").write_text(f"measurement_id,episode_id,date,instrument,total,items\n{measurements}",
                                             encoding="utf-8")
    with pytest.raises(interchange.ImportFailed) as caught:
        interchange.import_dataset(folder, "k")
    assert not Episode.objects.exists() and not Client.objects.exists()
    return {(e.table, e.row, e.column) for e in caught.value.errors}


@pytest.mark.parametrize("row,column", [
    ('2,c-2,helsinki,u-1,1990,female,fi,2026-01-05,2026-01-12,2026-01-19,,,2,"=HYPERLINK(""http://x"")",depression',
     "intervention"),
    ("2,c-2,helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,=cmd|' /C calc'!A0", "problem"),
    ("2,c-2,helsinki,@SUM(1),1990,female,fi,2026-01-05,,,,,,,", "unit_id"),
    ("2,c-2,helsinki,u-１,1990,female,fi,2026-01-05,,,,,,,", "unit_id"),
    ("2,+c-2,helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,", "client_id"),
    (f"2,c-2,helsinki,{'u' * 61},1990,female,fi,2026-01-05,,,,,,,", "unit_id"),
    (f"2,{'c' * 65},helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,", "client_id"),
    (f"2,c-2,helsinki,u-1,1990,female,fi,2026-01-05,,,,,,,{'p' * 61}", "problem"),
])
def test_a_code_cell_that_is_not_a_code_is_refused_naming_the_row(cast, tmp_path: Path, row: str,
                                                                  column: str) -> None:
    assert ("episodes", 2, column) in _refused(tmp_path, row)


def test_an_instrument_that_is_not_a_code_is_refused(cast, tmp_path: Path) -> None:
    found = _refused(tmp_path, "", '1,1,2026-01-12,"=phq9()",4,\n')
    assert ("measurements", 1, "instrument") in found
