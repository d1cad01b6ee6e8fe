"""A request naming a host that is not ours is a bad request (400), never a server error.

Django refuses the host before the authentication middleware has run, so the error page is
rendered for a request without a user: the shell must not depend on one.
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _get(path: str) -> object:
    return Client(raise_request_exception=False).get(path, HTTP_HOST="intruder.example")


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/care/", "/no-such-page"])
def test_a_page_requested_for_an_unknown_host_answers_400_with_the_error_page(path: str) -> None:
    response = _get(path)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "intruder.example" not in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/counties", "/api/v1/me", "/fhir/metadata", "/fhir/Observation"])
def test_an_api_or_fhir_path_requested_for_an_unknown_host_answers_400_json(path: str) -> None:
    response = _get(path)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
