"""A curator's web address is http(s) and fits its column, as an HSDS import's must, so that a curated
service never makes the catalogue's export fail; a stored service that would is named by the export."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from porras.catalogue.domain.demo import demo_id
from porras.catalogue.forms import ServiceForm, initial_from
from porras.catalogue.models import Service

pytestmark = pytest.mark.usefixtures("demo_catalogue")


def form_with(url: str) -> ServiceForm:
    service = Service.objects.get(uuid=demo_id("service", "hel-omahoito"))
    data = {k: ("" if v is None else v) for k, v in initial_from(service).items()}
    data["url"] = url
    return ServiceForm(data)


@pytest.mark.parametrize("url", ["ftp://files.example.fi/palvelu", "javascript:alert(1)"])
def test_a_web_address_that_is_not_http_or_https_is_refused(url):
    form = form_with(url)
    assert not form.is_valid()
    assert "url" in form.errors


def test_a_web_address_longer_than_its_column_is_refused():
    form = form_with("https://www.example.fi/" + "a" * 190)
    assert not form.is_valid()
    assert "url" in form.errors


def test_an_https_address_is_accepted():
    form = form_with("https://www.example.fi/palvelu")
    assert form.is_valid(), form.errors


def test_the_export_names_a_stored_service_it_cannot_export(tmp_path):
    Service.objects.filter(uuid=demo_id("service", "hel-omahoito")).update(url="ftp://files.example.fi/x")
    with pytest.raises(CommandError) as error:
        call_command("catalogue", "export", "--format", "hsds", str(tmp_path / "out.json"))
    assert "url" in str(error.value) and "Mielen hyvinvoinnin verkko-omahoito" in str(error.value)
