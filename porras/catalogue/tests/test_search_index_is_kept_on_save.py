"""The full-text index follows every save: a renamed service is found by its new words only."""

from __future__ import annotations

import pytest

from porras.catalogue import services
from porras.catalogue.domain.demo import demo_id
from porras.catalogue.domain.rules import Filters
from porras.catalogue.models import Service

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def found(query: str) -> set[str]:
    return {str(s.uuid) for s in services.search(query, Filters(), page_size=100).results}


def test_a_changed_description_is_searchable_at_once():
    service = Service.objects.get(uuid=demo_id("service", "pir-ips"))
    assert str(service.uuid) not in found("unettomuus")
    service.description_fi = "Tukea myös unettomuuteen."
    service.save()
    assert str(service.uuid) in found("unettomuus")


def test_a_deleted_service_leaves_the_index():
    service = Service.objects.get(uuid=demo_id("service", "pir-vertaistuki"))
    service.at_locations.all().delete()
    service.terms.all().delete()
    service.delete()
    assert demo_id("service", "pir-vertaistuki") not in found("masennus")


def test_the_search_finds_the_required_inflected_forms_in_the_database():
    assert demo_id("service", "hel-matalan-kynnyksen-piste") in found("masennus")
    assert demo_id("service", "hel-opiskeluterveys") in found("ahdistus")
    assert demo_id("service", "poh-missbruk") in found("ångest")
