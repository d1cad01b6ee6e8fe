"""Anyone works through an open programme without signing in; progress is kept in the browser's
session and, on request, under a code (nothing identifying); a guided programme is not open."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from porras.selfcare.models import OpenProgress

pytestmark = pytest.mark.django_db


def test_a_resident_completes_modules_saves_them_under_a_code_and_continues_elsewhere() -> None:
    browser = Client()
    done = browser.post("/selfcare/programmes/sleep/start/", {"exercise-quality": "4", "exercise-pattern": "late"})
    assert done.status_code == 302 and done["Location"] == "/selfcare/programmes/sleep/rhythm/"
    saved = browser.post("/selfcare/programmes/sleep/save/")
    assert saved.status_code == 200
    code = saved.context["code"]
    stored = OpenProgress.objects.get()
    assert stored.completed == ["start"] and stored.answers == {"start": {"quality": "4", "pattern": "late"}}
    assert code.replace("-", "") not in stored.code_hash

    elsewhere = Client()
    assert elsewhere.post("/selfcare/continue/", {"code": code}).status_code == 302
    page = elsewhere.get("/selfcare/programmes/sleep/")
    assert page.context["done"] == 1


def test_an_answer_outside_the_scale_is_refused_and_nothing_is_kept() -> None:
    browser = Client()
    refused = browser.post("/selfcare/programmes/sleep/start/", {"exercise-quality": "11"})
    assert refused.status_code == 400
    assert browser.get("/selfcare/programmes/sleep/").context["done"] == 0


def test_a_guided_programmes_modules_are_not_open(cast: Any) -> None:
    assert Client().get("/selfcare/programmes/low-mood/start/").status_code == 404
    assert Client().get("/api/v1/selfcare/programmes/low-mood").json()["step"] == 1
