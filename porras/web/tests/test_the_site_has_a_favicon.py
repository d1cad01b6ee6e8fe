"""Every page names the site's icon, and /favicon.ico (asked for by browsers on the API's pages) leads to it."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_pages_link_the_icon_and_favicon_ico_leads_to_it() -> None:
    page = Client().get("/").content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in page
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/web/favicon.svg"
    icon = Client().get("/static/web/favicon.svg")
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)
