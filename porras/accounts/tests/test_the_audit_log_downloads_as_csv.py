"""The data-protection officer downloads the filtered log as CSV (through porras.lib.downloads: no cell
can start a spreadsheet formula); the download is itself audited; too large an export is refused."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from porras.accounts import audit, views_audit
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _dpo(cast) -> Client:
    client = Client()
    client.force_login(cast.admin)
    return client


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_holds_the_filtered_entries_with_their_names(cast) -> None:
    audit.record(cast.clinician_a, "episode.read", "episode", 7, detail={"note": "x"})
    audit.record(cast.clinician_b, "episode.read", "episode", 8)
    response = _dpo(cast).post("/accounts/audit/", {"user": "clinician_a", "action": "episode.read", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="porras-audit-')
    rows = _rows(response)
    assert [(r["username"], r["action"], r["action_name"], r["object_id"], r["detail"]) for r in rows] == [
        ("clinician_a", "episode.read", "Hoitojakso avattu", "7", '{"note": "x"}')]
    assert list(rows[0]) == views_audit.CSV_COLUMNS


def test_no_cell_starts_a_formula(cast) -> None:
    audit.record(None, "=HYPERLINK(\"http://evil\")", "+cmd", "@SUM(1)", username="-2+3")
    rows = _rows(_dpo(cast).post("/accounts/audit/", {"export": "csv"}))
    cells = [value for row in rows for value in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c == "'=HYPERLINK(\"http://evil\")" for c in cells)


def test_the_export_is_audited_with_its_filters_and_size(cast) -> None:
    _dpo(cast).post("/accounts/audit/", {"action": "login", "export": "csv"})
    entry = AuditEntry.objects.filter(action="audit.export").latest("seq")
    assert entry.username == "admin" and entry.detail["action"] == "login" and "rows" in entry.detail


def test_an_export_beyond_the_limit_is_refused_not_cut_short(cast, monkeypatch) -> None:
    monkeypatch.setattr(views_audit, "EXPORT_LIMIT", 3)
    for n in range(5):
        audit.record(cast.clinician_a, "episode.read", "episode", n)
    response = _dpo(cast).post("/accounts/audit/", {"export": "csv"})
    assert response.status_code == 200 and response.context["too_many"]
    assert not AuditEntry.objects.filter(action="audit.export").exists()


def test_only_audit_readers_may_download(cast) -> None:
    client = Client()
    client.force_login(cast.manager_a)
    assert client.post("/accounts/audit/", {"export": "csv"}).status_code == 403
