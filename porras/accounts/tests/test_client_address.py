"""The client's address: the connection's peer, or what our own trusted proxies say it is."""

from __future__ import annotations

from ipaddress import ip_network

import pytest
from django.test import RequestFactory

from porras.accounts.client_address import client_address


@pytest.fixture
def proxies(settings) -> None:
    settings.PORRAS_TRUSTED_PROXIES = (ip_network("10.0.0.9/32"), ip_network("172.16.0.0/16"))


def _request(peer: str, forwarded: str | None = None) -> object:
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_peer_is_the_client(proxies) -> None:
    assert client_address(_request("198.51.100.7")) == "198.51.100.7"


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(proxies) -> None:
    assert client_address(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_a_trusted_proxy_names_the_client(proxies) -> None:
    assert client_address(_request("10.0.0.9", "198.51.100.7")) == "198.51.100.7"


def test_what_the_client_wrote_into_the_header_itself_is_never_read(proxies) -> None:
    assert client_address(_request("10.0.0.9", "203.0.113.1, 10.0.0.9, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_to_the_client(proxies) -> None:
    assert client_address(_request("10.0.0.9", "198.51.100.7, 172.16.4.2")) == "198.51.100.7"


def test_an_unreadable_hop_stops_the_walk_at_the_nearest_trusted_one(proxies) -> None:
    assert client_address(_request("10.0.0.9", "198.51.100.7, not-an-address")) == "10.0.0.9"


def test_a_trusted_proxy_without_a_header_is_itself_the_client(proxies) -> None:
    assert client_address(_request("10.0.0.9")) == "10.0.0.9"


def test_no_proxy_is_trusted_unless_configured(settings) -> None:
    settings.PORRAS_TRUSTED_PROXIES = ()
    assert client_address(_request("10.0.0.9", "198.51.100.7")) == "10.0.0.9"
