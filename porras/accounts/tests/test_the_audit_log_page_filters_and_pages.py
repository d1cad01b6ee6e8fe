"""The audit log page: filters by user, client, action, outcome and time range, bounded paging,
human action names; bad filters name the field; each view is itself audited, naming the filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from porras.accounts import audit
from porras.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def _dpo(cast) -> Client:
    client = Client()
    client.force_login(cast.admin)
    return client


def _shown(response) -> list[tuple[str, str]]:
    return [(row["entry"].username, row["entry"].action) for row in response.context["rows"]]


def test_only_audit_readers_see_the_log(cast) -> None:
    for name in ("clinician_a", "manager_a", "national_analyst"):
        client = Client()
        client.force_login(getattr(cast, name))
        assert client.get("/accounts/audit/").status_code == 403, name
    assert AuditEntry.objects.filter(action="audit.read", outcome="denied").count() == 3


def test_the_filters_travel_in_the_body_never_in_the_address(cast) -> None:
    page = _dpo(cast).get("/accounts/audit/").content.decode()
    assert '<form method="post" class="stacked"' in page
    ignored = _dpo(cast).get("/accounts/audit/", {"client": "131052-308T", "user": "x"})
    assert not ignored.context["form"].is_bound


def test_filters_by_user_action_and_outcome(cast) -> None:
    audit.record(cast.clinician_a, "episode.read", "episode", 7)
    audit.record(cast.clinician_b, "episode.read", "episode", 8, outcome=audit.Outcome.DENIED)
    audit.record(cast.clinician_a, "client.list", "client", "")
    response = _dpo(cast).post("/accounts/audit/", {"user": "clinician_a", "action": "episode.read"})
    assert _shown(response) == [("clinician_a", "episode.read")]
    denied = _dpo(cast).post("/accounts/audit/", {"outcome": "denied", "action": "episode.read"})
    assert _shown(denied) == [("clinician_b", "episode.read")]


def test_filters_by_time_range_in_whole_days(cast) -> None:
    today = timezone.localdate()
    audit.record(cast.clinician_a, "episode.read", "episode", 1)
    response = _dpo(cast).post("/accounts/audit/", {"since": today.isoformat(), "until": today.isoformat(),
                                                   "action": "episode.read"})
    assert len(response.context["rows"]) == 1
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    earlier = _dpo(cast).post("/accounts/audit/", {"until": yesterday, "action": "episode.read"})
    assert earlier.context["rows"] == []


@pytest.mark.parametrize(("params", "field"), [
    ({"since": "1970-01-01"}, "since"),
    ({"until": "2999-01-01"}, "until"),
    ({"since": "2026-03-02", "until": "2026-03-01"}, "until"),
    ({"action": "no.such.action"}, "action"),
    ({"outcome": "maybe"}, "outcome"),
    ({"size": "100000"}, "size"),
    ({"page": "0"}, "page"),
    ({"page": "99999999999999999999"}, "page"),
    ({"user": "x" * 151}, "user"),
    ({"client": "131052-308T"}, "client"),
])
def test_a_bad_filter_names_its_field_and_shows_nothing(cast, params, field) -> None:
    response = _dpo(cast).post("/accounts/audit/", params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["rows"] == []


def test_an_identity_code_is_never_searched_for_nor_written_down(cast) -> None:
    _dpo(cast).post("/accounts/audit/", {"client": "131052-308T"})
    assert not any("131052" in str(v) for row in AuditEntry.objects.values_list("detail", "object_id") for v in row)


def test_pages_are_bounded_and_a_page_beyond_the_end_shows_the_last(cast) -> None:
    for n in range(30):
        audit.record(cast.clinician_a, "episode.read", "episode", n)
    first = _dpo(cast).post("/accounts/audit/", {"action": "episode.read", "size": "25"})
    assert len(first.context["rows"]) == 25 and first.context["page"].paginator.num_pages == 2
    beyond = _dpo(cast).post("/accounts/audit/", {"action": "episode.read", "size": "25", "page": "9"})
    assert beyond.context["page"].number == 2 and len(beyond.context["rows"]) == 5


def test_actions_have_human_names_in_every_language_and_unknown_ones_show_as_written(cast) -> None:
    audit.record(cast.clinician_a, "episode.read", "episode", 1)
    audit.record(cast.clinician_a, "something.new", "thing", 1)
    client = _dpo(cast)
    for language, name in (("fi", "Hoitojakso avattu"), ("sv", "Vårdperiod visad"), ("en", "Episode viewed")):
        client.cookies["porras_language"] = language
        page = client.post("/accounts/audit/", {"user": "clinician_a"}).content.decode()
        assert name in page, language
        assert "something.new" in page


def test_each_view_of_the_log_is_audited_with_its_filters(cast) -> None:
    _dpo(cast).post("/accounts/audit/", {"user": "clinician_a", "action": "login"})
    entry = AuditEntry.objects.filter(action="audit.read").latest("seq")
    assert entry.username == "admin"
    assert entry.detail["user"] == "clinician_a" and entry.detail["action"] == "login"


def test_the_chain_is_checked_on_request(cast) -> None:
    response = _dpo(cast).post("/accounts/audit/", {"verify": "1"})
    assert response.context["result"].ok
    assert _dpo(cast).get("/accounts/audit/").context["result"] is None
