"""Production believes X-Forwarded-Proto to know a request came over HTTPS: only from our proxies,
or a client reaching the application server directly skips the HTTPS redirect over plain HTTP."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PRODUCTION_TLS = {
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "PORRAS_TRUSTED_PROXIES": (ipaddress.ip_network("10.0.0.0/8"),),
}


@override_settings(**PRODUCTION_TLS)
def test_a_client_that_claims_https_itself_is_still_sent_to_https():
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@override_settings(**PRODUCTION_TLS)
def test_our_proxy_saying_https_is_believed():
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
