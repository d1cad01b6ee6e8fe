"""find_services: the navigator's view of the catalogue."""

from __future__ import annotations

import pytest

from porras.catalogue.domain.demo import demo_id
from porras.catalogue.models import Service
from porras.catalogue.services import find_services

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def ids(rows):  # type: ignore[no-untyped-def]
    return {row["id"] for row in rows}


def test_it_returns_published_services_of_the_county_for_the_step():
    assert ids(find_services("pohjanmaa", 3, None, None)) == {
        demo_id("service", "poh-boende"),
        demo_id("service", "poh-korttidsterapi"),
    }


def test_age_narrows_the_services():
    assert ids(find_services("pirkanmaa", 1, 14, None)) == {
        demo_id("service", "pir-nettiterapia"),
        demo_id("service", "pir-kouluterveys"),
    }
    assert ids(find_services("pirkanmaa", 1, 40, None)) == {
        demo_id("service", "pir-mt-paihdetiimi"),
        demo_id("service", "pir-kohtaamispaikka"),
        demo_id("service", "pir-vertaistuki"),
    }


def test_language_narrows_the_services():
    assert ids(find_services("helsinki", 1, 30, "so")) == {demo_id("service", "hel-matalan-kynnyksen-piste")}


def test_withdrawn_services_are_not_offered():
    Service.objects.filter(uuid=demo_id("service", "poh-boende")).update(status="withdrawn")
    assert ids(find_services("pohjanmaa", 3, None, None)) == {demo_id("service", "poh-korttidsterapi")}


def test_each_row_carries_what_the_navigator_shows():
    row = find_services("helsinki", 0, 30, "sv")[0]
    assert row["name"]["sv"] == "Digital egenvård för psykiskt välbefinnande (demo)"
    assert row["steps"] == [0] and row["county"] == "helsinki" and row["fictional"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("atlantis", 1, None, None), "county"),
        (("helsinki", 7, None, None), "steps"),
        (("helsinki", 1, -3, None), "age"),
        (("helsinki", 1, None, "xx"), "languages"),
    ],
)
def test_bad_arguments_are_refused_naming_them(args, message):
    with pytest.raises(ValueError, match=message):
        find_services(*args)
