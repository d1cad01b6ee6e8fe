"""The outcome report by programme, with the programme completion rate, on the report page (fi, sv),
through the API and on the command line (the hand-made data set of conftest.py: unit-b's seven
episodes had the low-mood programme, five completed it; the eleven others had none)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db
TITLES = {"fi": "Mieliala ja arjen toiminta", "sv": "Stämningsläge och vardagens aktiviteter"}  # low-mood.yaml


def _text(client: Any, language: str, params: dict[str, Any]) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/reports/", params)
    assert response.status_code == 200
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("language", "heading", "none", "rate", "title"), [
    ("fi", "Ohjelma", "ei ohjelmaa", "Loppuun suoritettujen ohjelmien osuus", TITLES["fi"]),
    ("sv", "Program", "inget program", "Andel program genomförda till slut", TITLES["sv"]),
])
def test_the_report_page_groups_by_programme_in_the_users_language(
        cast, client, reports_from_folder, language, heading, none, rate, title):
    client.force_login(cast.national_analyst)
    text = _text(client, language, {"kind": "outcomes", "group_by": "programme"})
    assert heading in text and none in text and rate in text
    assert title in text and "low-mood" not in text  # the programme by its title in the user's language
    assert 'value="programme"' in client.get("/reports/").content.decode()  # a choice of the form


def test_the_api_gives_the_completion_rate_of_the_programme_group(cast, api_client_for, reports_from_folder):
    response = api_client_for(cast.national_analyst).get("/api/v1/reports/outcomes", {"group_by": "programme"})
    assert response.status_code == 200, response.content
    groups = {g["programme"]: g for g in response.json()["groups"]}
    assert set(groups) == {None, "low-mood"}
    # an analyst gets rounded counts (7 -> 5) under the one disclosure rule, which here also withholds
    # the completed count (and so its rate) to protect the withheld cells beside it; exact: 5 of 7
    low_mood = groups["low-mood"]
    assert (low_mood["finished"], low_mood["programme_ended"]) == (5, 5)
    assert (low_mood["programme_completed"], low_mood["programme_completion_rate"], low_mood["suppressed"]) == (
        None, None, True)
    # none of them had a programme: a count below the minimum (0 too) is withheld like every other
    assert groups[None]["programme_ended"] is None and groups[None]["programme_completion_rate"] is None


def test_the_command_line_groups_by_programme(report_folder, capsys):
    call_command("report", "outcomes", "--source", str(report_folder), "--group-by", "programme")
    doc = json.loads(capsys.readouterr().out)
    assert [(g["programme"], g["finished"], g["programme_ended"], g["programme_completed"]) for g in doc["groups"]] \
        == [("low-mood", 7, 7, 5), (None, 11, None, None)]  # 0 is below the minimum too: withheld
    assert doc["groups"][0]["programme_completion_rate"] == pytest.approx(5 / 7)
