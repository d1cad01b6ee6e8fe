"""A training provider's CSV: all or nothing, with the rows in error named (docs/product.md §6 J)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from porras.accounts.models import AuditEntry
from porras.competence import services
from porras.competence.domain.importing import ImportFormatError, read_rows
from porras.competence.models import TrainingRecord
from porras.competence.tests.helpers import record
from porras.lib.errors import InputError

pytestmark = pytest.mark.django_db

GOOD = ("professional,unit,method,course,provider,started_on,completed_on,supervision_sessions\n"
        "clinician_a,unit-a,cbt_short_individual,KLT,Provider Oy,2024-01-10,2024-12-15,12\n"
        "colleague_a,unit-a,ipc,IPC,Provider Oy,2025-02-01,,3\n")


def test_a_good_file_records_every_row_as_imported(cast: Any) -> None:
    saved = services.import_records(cast.manager_a, read_rows(GOOD))
    assert sorted((r.professional.username, r.method, r.completed_on, r.supervision_sessions, r.origin)
                  for r in saved) == [
        ("clinician_a", "cbt_short_individual", dt.date(2024, 12, 15), 12, "imported"),
        ("colleague_a", "ipc", None, 3, "imported"),
    ]
    assert AuditEntry.objects.filter(action="competence.training.import").count() == 1


def test_a_row_for_a_recorded_training_updates_it_and_keeps_its_training_cases(cast: Any) -> None:
    first = services.save_record(cast.clinician_a, record(supervision_sessions=1))
    services.import_records(cast.manager_a, read_rows(GOOD))
    first.refresh_from_db()
    assert (first.supervision_sessions, first.completed_on, first.version) == (12, dt.date(2024, 12, 15), 2)
    assert TrainingRecord.objects.count() == 2


def test_one_bad_row_imports_nothing_and_names_the_row(cast: Any) -> None:
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    bad = GOOD + f"clinician_b,unit-b,ipc,IPC,,2025-01-01,{future},0\n"
    with pytest.raises(InputError) as refused:
        services.import_records(cast.manager_a, read_rows(bad))
    # row 4: another unit's professional, whom the Kalasatama manager does not manage
    assert refused.value.errors == [{"item": 4, "field": "professional",
                                     "reason": "is not a user you may record training for"}]
    assert not TrainingRecord.objects.exists()


def test_the_format_is_checked_before_any_rule(cast: Any) -> None:
    with pytest.raises(ImportFormatError) as header:
        read_rows("professional,unit,method,salary\nclinician_a,unit-a,ipc,1\n")
    assert header.value.errors == [{"item": 1, "field": "salary", "reason": "is not a column of the format"}]
    with pytest.raises(ImportFormatError) as cells:
        read_rows("professional,unit,method,started_on,supervision_sessions\nclinician_a,unit-a,ipc,1.1.2025,x\n")
    assert [(e["item"], e["field"]) for e in cells.value.errors] == [(2, "started_on"), (2, "supervision_sessions")]


def test_the_same_training_twice_in_a_file_is_refused(cast: Any) -> None:
    twice = GOOD + "clinician_a,unit-a,cbt_short_individual,KLT,,2024-01-10,2024-12-15,12\n"
    with pytest.raises(InputError) as refused:
        services.import_records(cast.manager_a, read_rows(twice))
    assert refused.value.errors[0]["item"] == 4


@pytest.mark.parametrize(("language", "words"), [("fi", "Rivi"), ("sv", "Rad")])
def test_the_import_page_lists_the_rows_in_error_in_the_users_language(cast: Any, language: str,
                                                                       words: str) -> None:
    client = Client()
    client.force_login(cast.manager_a)
    upload = SimpleUploadedFile("trainings.csv", (GOOD + "nobody,unit-a,ipc,,,,,\n").encode(), "text/csv")
    page = client.post("/competence/training/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = page.content.decode()
    assert words in text and not TrainingRecord.objects.exists()
