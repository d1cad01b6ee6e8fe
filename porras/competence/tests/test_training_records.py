"""Training records: kept by the professional or their manager, audited, scoped (docs/product.md §6 J)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from porras.accounts.models import AuditEntry
from porras.competence import services
from porras.competence.models import TrainingRecord
from porras.competence.tests.helpers import HETU_2000, episode_with, record
from porras.lib.errors import Conflict, InputError, NotFound

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 3, 1)


def test_a_professional_records_their_own_training_with_its_training_cases(cast: Any) -> None:
    case = episode_with(cast.clinician_a, "cbt_short_individual")
    saved = services.save_record(cast.clinician_a, record(started_on=DAY, completed_on=DAY + dt.timedelta(days=300),
                                                          supervision_sessions=12, training_cases=[case.pk]))
    assert (saved.professional, saved.method, saved.supervision_sessions) == (cast.clinician_a,
                                                                             "cbt_short_individual", 12)
    assert [e.pk for e in saved.training_cases.all()] == [case.pk]
    entry = AuditEntry.objects.filter(action="competence.training.create").get()
    assert entry.username == "clinician_a" and entry.detail["episodes"] == [case.pk]


def test_the_unit_manager_records_a_professionals_training_and_sees_it(cast: Any) -> None:
    services.save_record(cast.manager_a, record(professional="colleague_a"))
    assert [r.professional.username for r in services.list_records(cast.manager_a)] == ["colleague_a"]
    assert AuditEntry.objects.filter(action="competence.training.list", username="manager_a").exists()


def test_a_colleague_neither_sees_nor_changes_anothers_record(cast: Any) -> None:
    saved = services.save_record(cast.clinician_a, record())
    assert services.list_records(cast.colleague_a) == []
    with pytest.raises(NotFound):
        services.get_record(cast.colleague_a, saved.pk)
    with pytest.raises(NotFound):
        services.save_record(cast.colleague_a, record(supervision_sessions=3), pk=saved.pk)
    with pytest.raises(PermissionDenied):
        services.save_record(cast.colleague_a, record(professional="clinician_a", method="ipc"))
    assert AuditEntry.objects.filter(action="competence.training.read", outcome="denied").exists()


def test_another_countys_manager_cannot_record_training_in_unit_a(cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.save_record(cast.county_manager_b, record())
    assert not TrainingRecord.objects.exists()


def test_analysts_keep_no_training_records(cast: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.list_records(cast.national_analyst)


def test_a_training_is_in_a_unit_where_the_professional_delivers_care(cast: Any) -> None:
    with pytest.raises(InputError) as refused:
        services.save_record(cast.admin, record(professional="clinician_a", unit="unit-b"))
    assert refused.value.errors == [{"field": "unit", "reason": "the professional does not deliver care in this unit"}]


def test_dates_in_the_wrong_order_are_refused_on_their_fields(cast: Any) -> None:
    with pytest.raises(InputError) as refused:
        services.save_record(cast.clinician_a, record(started_on=DAY, completed_on=DAY - dt.timedelta(days=1),
                                                      certified_on=DAY - dt.timedelta(days=2)))
    assert refused.value.fields == ["completed_on", "certified_on"]
    with pytest.raises(InputError) as refused:
        services.save_record(cast.clinician_a, record(completed_on=dt.date.today() + dt.timedelta(days=1)))
    assert refused.value.fields == ["completed_on"]
    assert not TrainingRecord.objects.exists()


def test_a_training_case_from_another_unit_is_refused_without_telling_it_exists(cast: Any) -> None:
    elsewhere = episode_with(cast.clinician_b, "cbt_short_individual", unit_code="unit-b", hetu=HETU_2000)
    with pytest.raises(InputError) as refused:
        services.save_record(cast.clinician_a, record(training_cases=[elsewhere.pk]))
    assert refused.value.errors == [{"field": "training_cases", "reason": "not an episode of this unit"}]
    with pytest.raises(InputError) as missing:
        services.save_record(cast.clinician_a, record(training_cases=[999_999]))
    assert missing.value.errors == refused.value.errors
    assert not TrainingRecord.objects.exists()


def test_a_second_record_of_the_same_method_is_a_conflict(cast: Any) -> None:
    services.save_record(cast.clinician_a, record())
    with pytest.raises(Conflict):
        services.save_record(cast.manager_a, record())
    assert TrainingRecord.objects.count() == 1


def test_an_edit_on_a_stale_version_is_a_conflict_and_a_fresh_one_counts_up(cast: Any) -> None:
    saved = services.save_record(cast.clinician_a, record())
    changed = services.save_record(cast.manager_a, record(supervision_sessions=4), pk=saved.pk, version=1)
    assert (changed.version, changed.supervision_sessions) == (2, 4)
    with pytest.raises(Conflict):
        services.save_record(cast.clinician_a, record(supervision_sessions=9), pk=saved.pk, version=1)
    assert TrainingRecord.objects.get().supervision_sessions == 4
