"""Managers curate their own county's services, administrators all; every change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from porras.accounts.models import AuditEntry
from porras.catalogue import services
from porras.catalogue.domain.demo import demo_id
from porras.catalogue.models import Service

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def service(key: str) -> Service:
    return Service.objects.get(uuid=demo_id("service", key))


def form_data(s: Service, **changes):  # type: ignore[no-untyped-def]
    from porras.catalogue.forms import initial_from

    data = initial_from(s)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return data


def test_a_helsinki_manager_cannot_edit_a_pirkanmaa_service(cast):
    pirkanmaa = service("pir-ips")
    with pytest.raises(PermissionDenied):
        services.set_status(cast.manager_a, pirkanmaa, "withdrawn")
    assert service("pir-ips").status == "published"
    assert AuditEntry.objects.filter(
        action="catalogue.service.withdrawn", outcome="denied", object_id=str(pirkanmaa.uuid)
    ).exists()


def test_the_edit_page_of_another_countys_service_is_forbidden(client, cast):
    client.force_login(cast.manager_a)
    response = client.post(
        f"/services/manage/{demo_id('service', 'pir-ips')}/",
        form_data(service("pir-ips"), name_fi="Kaapattu"),
    )
    assert response.status_code == 403
    assert service("pir-ips").name_fi != "Kaapattu"


def test_a_unit_manager_edits_a_service_of_their_own_county(client, cast):
    client.force_login(cast.manager_a)
    target = service("hel-kriisikeskus")
    response = client.post(
        f"/services/manage/{target.uuid}/", form_data(target, name_fi="Kriisikeskus (demo)")
    )
    assert response.status_code == 302
    assert service("hel-kriisikeskus").name_fi == "Kriisikeskus (demo)"
    assert AuditEntry.objects.filter(
        action="catalogue.service.update", object_id=str(target.uuid), username="manager_a"
    ).exists()


def test_a_county_manager_withdraws_and_republishes_a_service_of_their_county(client, cast):
    client.force_login(cast.county_manager_b)
    target = service("pir-ips")
    client.post(f"/services/manage/{target.uuid}/status/", {"status": "withdrawn"})
    assert service("pir-ips").status == "withdrawn"
    client.post(f"/services/manage/{target.uuid}/status/", {"status": "published"})
    assert service("pir-ips").status == "published"


def test_an_administrator_edits_any_county(cast):
    for key in ("hel-kriisikeskus", "pir-ips", "poh-ips"):
        services.set_status(cast.admin, service(key), "withdrawn")
        assert service(key).status == "withdrawn"


def test_the_manage_list_shows_only_the_managers_county(client, cast):
    client.force_login(cast.county_manager_b)
    page = client.get("/services/manage/").content.decode()
    assert "IPS-työhönvalmennus" in page
    assert "Kriisikeskus Mielenkaari" not in page


def test_a_professional_cannot_open_the_curation_pages(client, cast):
    client.force_login(cast.clinician_a)
    assert client.get("/services/manage/").status_code == 403


def test_a_new_service_is_a_draft_until_published(client, cast):
    client.force_login(cast.manager_a)
    data = {
        "county": "helsinki",
        "name_fi": "Uusi palvelu",
        "name_sv": "Ny tjänst",
        "name_en": "",
        "description_fi": "Tukea ahdistukseen.",
        "description_sv": "Stöd vid ångest.",
        "description_en": "",
        "categories": ["psychosocial_support"],
        "steps": ["1"],
        "channels": ["phone"],
        "languages": ["fi", "sv"],
        "referral_needed": "no",
        "low_threshold": "yes",
        "free_of_charge": "",
        "minimum_age": "",
        "maximum_age": "",
        "url": "",
        "version": "",
    }
    response = client.post("/services/manage/new/", data)
    assert response.status_code == 302
    created = Service.objects.get(name_fi="Uusi palvelu")
    assert created.status == "draft"
    assert client.get("/api/v1/services", {"q": "ahdistus"}).json()["count"] == 6
    services.set_status(cast.manager_a, created, "published")
    assert client.get("/api/v1/services", {"q": "ahdistus"}).json()["count"] == 7


def test_a_manager_cannot_create_a_service_in_another_county(cast):
    from porras.catalogue.services import ServiceInput

    data = ServiceInput(
        county="pohjanmaa",
        name_fi="x",
        name_sv="x",
        name_en="",
        description_fi="x",
        description_sv="x",
        description_en="",
        categories=["ngo"],
        channels=["chat"],
        age_groups=[],
        languages=["fi"],
        steps=[0],
        minimum_age=None,
        maximum_age=None,
        referral_needed=None,
        low_threshold=None,
        free_of_charge=None,
    )
    with pytest.raises(PermissionDenied):
        services.create_service(cast.manager_a, data)


def test_publishing_without_swedish_texts_is_refused(cast):
    target = service("hel-kriisikeskus")
    Service.objects.filter(pk=target.pk).update(name_sv="", status="draft")
    with pytest.raises(services.CatalogueError, match="name_sv: required"):
        services.set_status(cast.manager_a, Service.objects.get(pk=target.pk), "published")


def test_a_stale_edit_is_refused(cast):
    from porras.catalogue.forms import ServiceForm

    target = service("hel-kriisikeskus")
    form = ServiceForm(form_data(target))
    assert form.is_valid(), form.errors
    services.update_service(cast.manager_a, target, form.to_input(), expected_version=target.version)
    with pytest.raises(services.StaleEdit):
        services.update_service(cast.manager_a, target, form.to_input(), expected_version=target.version)
