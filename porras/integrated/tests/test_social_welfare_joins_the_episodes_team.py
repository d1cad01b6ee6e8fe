"""Social welfare in the episode's team: a professional of unit A adds a social worker (with the
catalogue's service) and records when they left; the episode shows them and their contact; only the
catalogue's social-welfare categories are accepted; another unit's professional gets 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from porras.accounts.models import AuditEntry
from porras.catalogue.models import Service, ServiceTerm
from porras.integrated.models import SocialCareMember
from porras.integrated.tests.helpers import World, world  # noqa: F401


def _service(w: World, county: Any, category: str = "social_work") -> Service:
    s = Service.objects.create(county=county, name_fi="Aikuissosiaalityö", status="published")
    ServiceTerm.objects.create(service=s, vocabulary="category", code=category)
    return s


def _member(**changes: Any) -> dict[str, Any]:
    body = {"category": "social_work", "professional": "Sosiaalityöntekijä M. Virtanen",
            "contact": "09 310 12345", "start_date": (timezone.localdate() - dt.timedelta(days=3)).isoformat()}
    return {**body, **changes}


def test_a_social_worker_is_added_shown_and_ended(world: World, api_client_for: Any) -> None:  # noqa: F811
    service = _service(world, world.cast.county_a)
    api = api_client_for(world.cast.clinician_a)
    added = api.post(f"/api/v1/episodes/{world.episode.pk}/social-care", _member(service=str(service.uuid)),
                     content_type="application/json")
    assert added.status_code == 201, added.content
    body = added.json()
    assert (body["category_label"], body["service_name"], body["end_date"]) == ("Sosiaalityö", "Aikuissosiaalityö", None)

    page = Client()
    page.force_login(world.cast.colleague_a)
    html = page.get(f"/care/episodes/{world.episode.pk}/").content.decode()
    assert "Sosiaalityöntekijä M. Virtanen" in html and "09 310 12345" in html

    today = timezone.localdate().isoformat()
    ended = api.post(f"/api/v1/social-care/{body['id']}/end", {"end_date": today}, content_type="application/json")
    assert ended.status_code == 200 and ended.json()["end_date"] == today
    again = api.post(f"/api/v1/social-care/{body['id']}/end", {"end_date": today}, content_type="application/json")
    assert again.status_code == 422
    assert [e.action for e in AuditEntry.objects.filter(object_type="social_care").order_by("pk")][:2] == [
        "social_care.create", "social_care.list"]


def test_only_social_welfare_categories_and_services_of_the_county_are_accepted(world: World, api_client_for: Any) -> None:  # noqa: F811
    api = api_client_for(world.cast.clinician_a)
    url = f"/api/v1/episodes/{world.episode.pk}/social-care"
    health = api.post(url, _member(category="health_care_mental_health"), content_type="application/json")
    assert health.status_code == 422 and health.json()["detail"][0]["field"] == "category"
    other_county = _service(world, world.cast.county_b)
    elsewhere = api.post(url, _member(service=str(other_county.uuid)), content_type="application/json")
    assert elsewhere.status_code == 422 and elsewhere.json()["detail"][0]["field"] == "service"
    future = api.post(url, _member(start_date=(timezone.localdate() + dt.timedelta(days=1)).isoformat()),
                      content_type="application/json")
    assert future.status_code == 422 and future.json()["detail"][0]["field"] == "start_date"
    assert not SocialCareMember.objects.exists()


def test_another_units_professional_neither_adds_nor_reads(world: World, api_client_for: Any) -> None:  # noqa: F811
    url = f"/api/v1/episodes/{world.episode.pk}/social-care"
    other = api_client_for(world.cast.clinician_b)
    assert other.post(url, _member(), content_type="application/json").status_code == 404
    assert other.get(url).status_code == 404
    assert api_client_for(world.cast.county_analyst).get(url).status_code == 403
    assert not SocialCareMember.objects.exists()
