"""A service page shows phone, address, opening hours and the web and booking links (the demo's
cognitive short therapy in Kalasatama), in the page's language; the API gives the same."""

from __future__ import annotations

import html

import pytest

from porras.catalogue.domain.demo import demo_id

pytestmark = pytest.mark.usefixtures("demo_catalogue")
URL = f"/services/{demo_id('service', 'hel-lyhytterapia')}/"


@pytest.mark.parametrize(("language", "days", "heading", "area"), [
    ("fi", "ma–pe 08:00–16:00", "Näin tavoitat palvelun", "Kalasatama, Helsinki"),
    ("sv", "mån–fre 08:00–16:00", "Så når du tjänsten", "Fiskehamnen, Helsingfors"),
    ("en", "Mon–Fri 08:00–16:00", "How to reach the service", "Kalasatama, Helsinki"),
])
def test_the_page_shows_phone_address_hours_and_links(client, language, days, heading, area):
    client.cookies["porras_language"] = language
    content = html.unescape(client.get(URL).content.decode())
    assert heading in content
    assert '<a href="tel:+35800000103">+358 0 000 0103</a>' in content
    assert "Esimerkkikatu 1, 00580 Helsinki" in content and area in content
    assert days in content
    assert 'id="booking-link" href="https://ajanvaraus.example.org/porras-demo/lyhytterapia"' in content
    assert 'href="https://www.example.org/porras-demo/lyhytterapia"' in content


def test_a_service_without_contact_details_says_where_to_ask(client):
    content = html.unescape(client.get(f"/services/{demo_id('service', 'hel-omahoito')}/").content.decode())
    assert "Sote-keskuksesi kertoo" in content


def test_the_api_gives_the_opening_hours_address_and_booking_link(client):
    body = client.get(f"/api/v1/services/{demo_id('service', 'hel-lyhytterapia')}").json()
    assert body["booking_url"] == "https://ajanvaraus.example.org/porras-demo/lyhytterapia"
    assert body["opening_hours"] == [{"byday": "MO,TU,WE,TH,FR", "opens_at": "08:00:00", "closes_at": "16:00:00",
                                      "description": "ma–pe 8–16 / mån–fre 8–16"}]
    assert body["addresses"][0]["district"] == "Kalasatama"
    assert body["phones"] == ["+358 0 000 0103"]


def test_search_results_link_to_the_service_page(client):
    content = client.get("/services/?q=Kalasatama").content.decode()
    assert f'href="/services/{demo_id("service", "hel-lyhytterapia")}/"' in content
