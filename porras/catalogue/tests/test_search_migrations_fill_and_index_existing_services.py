"""Migrations 0003-0005 on a catalogue saved before them: a location's municipality is its city, and the
full-text index (FTS5 on SQLite, GIN on PostgreSQL) finds the existing services by compound parts and
by place at once."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from porras.catalogue import search
from porras.catalogue.domain import text

pytestmark = pytest.mark.django_db(transaction=True)


def _node(suffix: str) -> tuple[str, str]:
    graph = MigrationExecutor(connection).loader.graph
    return next(key for key in graph.nodes if key[0] == "catalogue" and key[1].endswith(suffix))


def _latest() -> list[tuple[str, str]]:
    return [key for key in MigrationExecutor(connection).loader.graph.leaf_nodes() if key[0] == "catalogue"]


@pytest.fixture
def old_catalogue(db):  # type: ignore[no-untyped-def]
    from porras.accounts import services as accounts

    accounts.load_counties()
    before = [_node("_search_index")]  # 0002: the index before compounds and places
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    County = apps.get_model("accounts", "County")
    Service, Location, ServiceAtLocation = (apps.get_model("catalogue", n)
                                            for n in ("Service", "Location", "ServiceAtLocation"))
    service = Service.objects.create(
        uuid=uuid.uuid4(), county=County.objects.get(code="pirkanmaa"), status="published",
        name_fi="Nettiterapia aikuisille", name_sv="Internetterapi för vuxna", description_fi="Verkossa.",
        description_sv="På nätet.")
    location = Location.objects.create(uuid=uuid.uuid4(), name="Esimerkkitalo", address_1="Esimerkkikatu 5",
                                       postal_code="33100", city="Tampere")
    ServiceAtLocation.objects.create(uuid=uuid.uuid4(), service=service, location=location)
    yield service.pk
    MigrationExecutor(connection).migrate(_latest())


def _found(query: str) -> list[int]:
    from porras.catalogue.models import Service

    plan = text.parse_query(query)
    assert plan is not None
    found = search.matching(Service.objects.all(), plan)  # primary keys on SQLite, a queryset on PostgreSQL
    return found if isinstance(found, list) else [service.pk for service in found]


def test_existing_services_are_found_by_compound_part_and_place_after_the_migrations(old_catalogue):
    MigrationExecutor(connection).migrate(_latest())
    from porras.catalogue.models import Location, Service

    assert Location.objects.get().municipality == "Tampere"
    service = Service.objects.get(pk=old_catalogue)
    assert "tamper" in service.search_extra_fi.split() and "tammerfor" in service.search_extra_sv.split()
    for query in ("terapia", "terapi", "Tampere", "Tammerfors"):
        assert _found(query) == [old_catalogue], query
