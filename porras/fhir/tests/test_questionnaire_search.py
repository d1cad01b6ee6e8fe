"""Questionnaire search by url and by code over our and registered questionnaires."""

from __future__ import annotations

from porras.fhir.domain import QuestionnaireRegistry

from .fixtures import load


def test_search_by_url_finds_exactly_one_of_ours() -> None:
    found = QuestionnaireRegistry().search(url="https://porras.example/fhir/Questionnaire/gad7")
    assert [q["id"] for q in found] == ["gad7"]


def test_search_by_panel_code_finds_phq9() -> None:
    found = QuestionnaireRegistry().search(code="http://loinc.org|44249-1")
    assert [q["id"] for q in found] == ["phq9"]


def test_search_by_item_code_finds_audit_and_auditc() -> None:
    found = QuestionnaireRegistry().search(code="68518-0")
    assert sorted(q["id"] for q in found) == ["audit", "auditc"]


def test_registered_questionnaires_are_searchable() -> None:
    registry = QuestionnaireRegistry()
    registry.register(load("lforms-phq9-questionnaire.json"))
    assert sorted(q["id"] for q in registry.search(code="44249-1")) == ["44249-1-x", "phq9"]


def test_search_without_parameters_lists_all_of_ours() -> None:
    assert len(QuestionnaireRegistry().search()) == 8
