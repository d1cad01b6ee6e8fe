"""Every error the UI shows is a sentence in the user's language: no English reason on a Finnish or
Swedish page, no field path ("identifier.value:"), no Python repr.

Every POST form of the web UI (the cases of ``test_invalid_input_writes_nothing``, which fails when a
form has none) is sent each of its invalid fields, and the forms and pages below are sent the bad
input that reaches the rules behind them (services, the domain, scoring, the navigator's refusals),
once in Finnish, once in Swedish and once in English. The errors shown (field errors, error lists,
messages, alerts) are read from the page. The oracle is the English page: a Finnish or Swedish error
that reads exactly like its English counterpart was not translated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.matrix_world import fill, web_routes
from tests.test_invalid_input_writes_nothing import (
    FORM_CASES,
    Ids,
    _client_of,
    _form_data,
    _value,
    _with,
    world,  # noqa: F401 - the module's world (a pytest fixture)
)

LANGUAGES = ("fi", "sv", "en")
# What a person does not write: a path of fields before a colon ("identifier.value:", "items.3:"), a
# code or constraint name in snake_case ("did_not_attend"), what Python prints, a date not written as
# 5.3.2026 (ISO, or with leading zeros).
NOT_A_SENTENCE = {
    "a field path": re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_\[\]]+)+\s*:"),
    "a code": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "Python": re.compile(r"\{'|\['|'\]|\bNone\b|\bTrue\b|\bFalse\b|<[\w.]+ object|\b\w+(?:Error|Exception)\b"
                         r"|Traceback|\bdatetime\.|Decimal\(|\\n|\\u|(?<![\w’])'[^'\s]+'(?![\w’])"),
    "a date not written as 5.3.2026": re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b0\d\.\d{1,2}\.\d{4}\b|\b\d{1,2}\.0\d\.\d{4}\b"),
}
ENGLISH_RUN = 4  # this many words of the English message in a row in a Finnish or Swedish one: untranslated
# Refused without an error shown, on purpose.
QUIET = {
    "set_language [language]": "Django's language switch ignores a language it does not offer",
}


def _today(days: int = 0) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


@dataclass
class Probe:
    """Bad input sent to a page beyond the write-nothing cases: ``form`` is a key of FORM_CASES
    (its page, principal and valid values are reused) or, for a GET page, ``page`` with a query."""

    principal: str
    overrides: dict[str, Any] = field(default_factory=dict)
    form: str | None = None
    page: str | None = None  # a URL name, fetched with GET and ``query``
    page_params: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)


CHECKSUM = "010101A123M"  # the check character should be N
PROBES: dict[str, Probe] = {
    # Services' and the domain's reasons behind the care forms.
    "referral: identity code checksum": Probe("clinician_a", {"identifier_system": "hetu", "identifier_value": CHECKSUM},
                                              form="care:referral_new"),
    "referral: identity code shape": Probe("clinician_a", {"identifier_system": "hetu", "identifier_value": "1234"},
                                           form="care:referral_new"),
    "referral: identity code date": Probe("clinician_a", {"identifier_system": "hetu", "identifier_value": "320101A123M"},
                                          form="care:referral_new"),
    "referral: local identifier not printable": Probe(
        "clinician_a", {"identifier_system": "local", "identifier_value": "tab\there", "birth_year": "1990"},
        form="care:referral_new"),
    "referral: local identifier without birth year": Probe(
        "clinician_a", {"identifier_system": "local", "identifier_value": "WORDS-1", "birth_year": ""},
        form="care:referral_new"),
    "referral: birth year against the identity code": Probe(
        "clinician_a", {"identifier_system": "hetu", "identifier_value": "010101A123N", "birth_year": "1990"},
        form="care:referral_new"),
    "assessment before the referral": Probe("clinician_a", {"assessment_date": "ids:before_referral"},
                                            form="care:assessment"),
    "end before the referral": Probe("clinician_a", {"end_date": "ids:before_referral", "end_reason": "completed"},
                                     form="care:end"),
    "end without a reason": Probe("clinician_a", {"end_date": _today(), "end_reason": ""}, form="care:end"),
    "appointment in the future marked attended": Probe(
        "clinician_a", {"date": _today(20), "kind": "treatment", "status": "attended"}, form="care:appointment_new"),
    "appointment past and booked": Probe("clinician_a", {"date": _today(-3), "kind": "treatment", "status": "booked"},
                                         form="care:appointment_new"),
    "measurement with a missing answer": Probe("clinician_a", {"item_5": ""}, form="care:measurement_new"),
    "measurement in the future": Probe("clinician_a", {"date": _today(3)}, form="care:measurement_new"),
    "step without a reason": Probe("clinician_a", {"step": "3", "reason": ""}, form="care:step"),
    "transfer to its own unit": Probe("manager_a", {"to_unit": "hki-kalasatama"}, form="care:transfer"),
    "empty safety plan": Probe("clinician_a", {"warning_signs": "", "own_coping": "", "people_and_places": "",
                                               "professionals_and_crisis_lines": "", "safe_surroundings": ""},
                               form="care:safety_plan"),
    "risk flag without a note": Probe("clinician_a", {"note": "  "}, form="care:risk_flag_acknowledge"),
    "follow-up contact in the future": Probe("clinician_a", {"contact_date": _today(5)}, form="care:followup_new"),
    # Instruments, the navigator and the catalogue.
    "questionnaire with a missing answer": Probe("clinician_a", {"item-3": ""}, form="instruments:fill"),
    "navigator: a missing answer": Probe("anonymous", {"stage": "questions", "age": "30", "county": "helsinki",
                                                       "concerns": "depression", "phq9-3": ""}, form="navigator:start"),
    "navigator: an age out of range": Probe("anonymous", {"stage": "about", "age": "300"}, form="navigator:start"),
    "professional navigator: a score out of range": Probe("clinician_a", {"phq9": "99"}, form="navigator:professional"),
    "catalogue search: a page beyond the list": Probe("anonymous", page="catalogue:search", query={"page": "999999"}),
    "catalogue search: a very long query": Probe("anonymous", page="catalogue:search", query={"q": "x" * 600}),
    "catalogue: an age range upside down": Probe("manager_a", {"minimum_age": "60", "maximum_age": "20"},
                                                 form="catalogue:edit"),
    # Reports, programmes, IPS and accounts.
    "outcomes: a period that is not one": Probe("national_analyst", page="outcomes:dashboard",
                                                query={"period": "decade", "group_by": "nonsense"}),
    "grant: a period upside down": Probe("programme_manager", {"period_start": "2024-12-31", "period_end": "2024-01-01"},
                                         form="programmes:grant_add"),
    "employment: hours beyond a week": Probe("ips_specialist", {"hours_per_week": "500"},
                                             form="ips:client[action=employment]"),
    "IPS reports: periods not understood": Probe("ips_specialist", page="ips:reports", query={"periods": "last year"}),
    "user search: a page number out of range": Probe("admin", page="accounts:users", query={"page": "0", "q": "x" * 200}),
    "audit filter: an identity code": Probe("admin", {"client": CHECKSUM}, form="accounts:audit"),
    "new user: a taken username": Probe("admin", {"username": "ammattilainen", "role": "professional",
                                                  "scope": "unit:hki-kalasatama"}, form="accounts:user_new"),
}


class _Errors(HTMLParser):
    """The text of every error a page shows: field errors, error lists, messages and alerts."""

    MARKS = {"error", "errorlist", "message-error", "message-warning"}

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []
        self._depth: list[bool] = []  # per open element: does it start an error
        self._open = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "input", "img", "meta", "link", "hr"):
            return
        a = {k: v or "" for k, v in attrs}
        starts = bool(self.MARKS & set(a.get("class", "").split()) or a.get("role") == "alert")
        if starts and self._open == 0:
            self._text = []
        self._depth.append(starts)
        self._open += starts

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "input", "img", "meta", "link", "hr") or not self._depth:
            return
        starts = self._depth.pop()
        self._open -= starts
        if starts and self._open == 0:
            text = " ".join("".join(self._text).split())
            if text:
                self.errors.append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def shown_errors(body: str) -> list[str]:
    """The errors of a page; a bare answer without a page (a 400 in plain words) is one error."""
    if "<html" not in body:
        return [" ".join(body.split())] if body.strip() else []
    parser = _Errors()
    parser.feed(body)
    return parser.errors


def _send(client: Client, method: str, url: str, data: str) -> str:
    """The page shown after the request (a redirect followed), with everything it wrote rolled back."""
    with transaction.atomic():
        if method == "GET":
            response = client.get(url + ("?" + data if data else ""))
        else:
            response = client.generic("POST", url, data, content_type="application/x-www-form-urlencoded")
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            response = client.get(response["Location"])
        transaction.set_rollback(True)
    return response.content.decode(errors="replace")


def _requests(ids: Ids) -> list[tuple[str, str, str, str, str]]:
    """(name, principal, method, url, data) of every request to send."""
    requests = []
    clients: dict[str, Client] = {}
    for key, case in FORM_CASES.items():
        client = clients.setdefault(case.principal, _client_of(case.principal))
        url, data = _form_data(case, key, client, ids)
        for name, value in case.invalid.items():
            requests.append((f"{key} [{name}]", case.principal, "POST", url,
                             _with(data, case.valid | {name: value}, ids)))
    for name, probe in PROBES.items():
        if probe.form:
            case = FORM_CASES[probe.form]
            client = clients.setdefault(case.principal, _client_of(case.principal))
            url, data = _form_data(case, probe.form, client, ids)
            requests.append((name, probe.principal, "POST", url, _with(data, case.valid | probe.overrides, ids)))
        else:
            assert probe.page is not None
            url = fill(dict(web_routes())[probe.page], {p: ids[k] for p, k in probe.page_params.items()})
            requests.append((name, probe.principal, "GET", url,
                             urlencode([(k, _value(v, ids)) for k, v in probe.query.items()])))
    return requests


def _in(language: str, principal: str) -> Client:
    client = _client_of(principal)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def _english_run(text: str, english: list[str]) -> str | None:
    """A run of ENGLISH_RUN words of an English error found in ``text``, if any."""
    words = " ".join(_words(text))
    for message in english:
        tokens = _words(message)
        for i in range(len(tokens) - ENGLISH_RUN + 1):
            run = tokens[i:i + ENGLISH_RUN]
            if sum(len(w) >= 3 for w in run) >= 3 and f" {' '.join(run)} " in f" {words} ":
                return " ".join(run)
    return None


def _without(text: str, submitted: list[str]) -> str:
    """The error with the values the user typed taken out: echoing them back is not the fault."""
    for value in sorted(submitted, key=len, reverse=True):
        if len(value) >= 3:
            text = text.replace(value, " ")
    return text


@pytest.mark.django_db
def test_every_error_shown_is_a_sentence_in_the_users_language(world: Ids) -> None:  # noqa: F811
    problems: list[str] = []
    silent: list[str] = []
    clients: dict[tuple[str, str], Client] = {}
    for name, principal, method, url, data in _requests(world):
        submitted = [v for _k, v in parse_qsl(data)]
        shown = {}
        for language in LANGUAGES:
            client = clients.setdefault((language, principal), _in(language, principal))
            shown[language] = [_without(text, submitted) for text in shown_errors(_send(client, method, url, data))]
        if not shown["en"] and name not in QUIET:
            silent.append(name)
        for language in LANGUAGES:
            for text in shown[language]:
                problems += [f"{name} ({language}): {what} in {text!r}" for what, pattern in NOT_A_SENTENCE.items()
                             if pattern.search(text)]
        for language in ("fi", "sv"):
            for text in shown[language]:
                run = _english_run(text, shown["en"])
                if run:
                    problems.append(f"{name} ({language}): untranslated ({run!r}) in {text!r}")
    assert not problems, f"{len(problems)} error(s) a person cannot read:\n" + "\n".join(sorted(set(problems)))
    assert not silent, "bad input refused without an error shown: " + ", ".join(silent)
