"""Migration 0003 moves each existing client record to its county's register: a client with units in
two counties is split into one record per county (each episode to the record of its unit's county),
and every pseudonym is re-keyed exactly as a registration computes it today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from porras.care import services
from porras.care.domain.identity_code import pseudonym
from porras.care.tests.helpers import HETU

pytestmark = pytest.mark.django_db(transaction=True)

def _before() -> list[tuple[str, str]]:
    """The state just before the fill: the care migration that adds the register fields (found by name,
    so that renumbering the migrations does not break the test)."""
    graph = MigrationExecutor(connection).loader.graph
    fields = next(key for key in graph.nodes if key[0] == "care" and key[1].endswith("_client_register_fields"))
    return [fields, *[key for key in graph.leaf_nodes() if key[0] == "accounts"]]


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("care", "accounts")]


@pytest.fixture
def old_world(cast):
    """A client as the code before the per-county registers left it: linked to units of two counties,
    with an episode in each, and a local-identifier client of one organisation."""
    before = _before()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Client, ClientUnit, Episode = (apps.get_model("care", n) for n in ("Client", "ClientUnit", "Episode"))
    key = services.pseudonym_key()
    shared = Client.objects.create(identifier_system="hetu", pseudonym=pseudonym(key, "hetu", HETU), code="shared-1",
                                   birth_year=1952, sex="female", home_county_id=cast.county_a.pk, language="fi")
    local = Client.objects.create(identifier_system="local", pseudonym=pseudonym(key, "local", "MRN-7"),
                                  code="local-7", birth_year=1990, sex="male", home_county_id=cast.county_a.pk,
                                  language="sv")
    for client, unit in ((shared, cast.unit_a), (shared, cast.unit_b), (local, cast.unit_a)):
        ClientUnit.objects.create(client=client, unit_id=unit.pk)
    day = dt.date.today() - dt.timedelta(days=10)
    in_a = Episode.objects.create(client=shared, unit_id=cast.unit_a.pk, referral_date=day)
    in_b = Episode.objects.create(client=shared, unit_id=cast.unit_b.pk, referral_date=day)
    yield {"shared": shared.pk, "local": local.pk, "in_a": in_a.pk, "in_b": in_b.pk}
    MigrationExecutor(connection).migrate(_latest())


def test_a_client_of_two_counties_becomes_one_record_per_county(cast, old_world) -> None:
    MigrationExecutor(connection).migrate(_latest())
    from porras.care.models import Client, ClientUnit, Episode

    kept = Client.objects.get(pk=old_world["shared"])
    twin = Client.objects.exclude(pk__in=[old_world["shared"], old_world["local"]]).get()
    assert (kept.county.code, twin.county.code) == ("helsinki", "pirkanmaa")  # home county keeps the record
    assert Episode.objects.get(pk=old_world["in_a"]).client_id == kept.pk
    assert Episode.objects.get(pk=old_world["in_b"]).client_id == twin.pk
    assert list(ClientUnit.objects.filter(client=twin).values_list("unit__code", flat=True)) == ["unit-b"]
    assert list(ClientUnit.objects.filter(client=kept).values_list("unit__code", flat=True)) == ["unit-a"]
    assert (twin.birth_year, twin.sex, twin.home_county_id) == (1952, "female", cast.county_a.pk)
    assert kept.pseudonym != twin.pseudonym and kept.code == "shared-1" and twin.code != kept.code


def test_the_migrated_pseudonyms_are_those_a_registration_computes_today(cast, old_world) -> None:
    MigrationExecutor(connection).migrate(_latest())
    from porras.care.models import Client

    found_a, created_a = services.register_client(
        cast.clinician_a, services.ClientInput("hetu", HETU, county="helsinki", unit="unit-a"))
    found_b, created_b = services.register_client(
        cast.clinician_b, services.ClientInput("hetu", HETU, county="pirkanmaa", unit="unit-b"))
    local, created_local = services.register_client(
        cast.clinician_a, services.ClientInput("local", "MRN-7", birth_year=1990, county="helsinki", unit="unit-a"))
    assert not (created_a or created_b or created_local)
    assert found_a.pk == old_world["shared"] and found_b.county.code == "pirkanmaa"
    assert local.pk == old_world["local"] and local.organisation_id == cast.unit_a.organisation_id
    assert Client.objects.count() == 3
