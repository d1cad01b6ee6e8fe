"""export -> import -> export gives the same document."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from porras.catalogue.domain import hsds, taxonomy
from porras.catalogue.domain.demo import load_demo
from porras.catalogue.domain.model import Service


def test_the_demo_catalogue_survives_export_import_export_byte_for_byte():
    first = hsds.dumps(hsds.export_services(load_demo().services))
    second = hsds.dumps(hsds.export_services(hsds.parse_document(json.loads(first)).services))
    assert second == first


def test_porras_fields_survive_the_round_trip():
    original = load_demo().services
    imported = hsds.parse_document(hsds.export_services(original)).services
    for before, after in zip(original, imported, strict=True):
        assert after.county == before.county
        for field in ("categories", "channels", "age_groups", "steps"):
            assert sorted(getattr(after, field)) == sorted(getattr(before, field)), field
        assert (after.name_sv, after.description_sv, after.name_en) == (
            before.name_sv,
            before.description_sv,
            before.name_en,
        )
        assert (after.referral_needed, after.low_threshold, after.free_of_charge, after.fictional) == (
            before.referral_needed,
            before.low_threshold,
            before.free_of_charge,
            before.fictional,
        )
        assert after.organization is not None and after.organization.name_sv == before.organization.name_sv


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
services = st.builds(
    Service,
    id=st.uuids().map(str),
    name=texts.filter(bool),
    description=st.one_of(st.none(), texts),
    name_sv=texts,
    description_sv=texts,
    county=st.sampled_from([c.code for c in taxonomy.counties()]),
    categories=st.lists(st.sampled_from(taxonomy.codes("categories")), unique=True),
    channels=st.lists(st.sampled_from(taxonomy.codes("channels")), unique=True),
    steps=st.lists(st.sampled_from(taxonomy.step_levels()), unique=True),
    referral_needed=st.one_of(st.none(), st.booleans()),
    minimum_age=st.one_of(st.none(), st.integers(0, 120)),
)


@settings(max_examples=60, deadline=None)
@given(service=services)
def test_any_service_survives_export_import_export(service):
    first = hsds.export_services([service])
    second = hsds.export_services(hsds.parse_document(json.loads(hsds.dumps(first))).services)
    assert second == first
