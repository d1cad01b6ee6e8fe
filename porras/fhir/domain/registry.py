"""Questionnaires Porras can score: its own (one per instrument), imported external ones, and the LOINC
forms of instruments whose data files carry LOINC codes (``http://loinc.org/q/<panel>``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from porras.instruments.domain import instrument_ids, list_instruments

from .binding import QuestionnaireBinding, bind_questionnaire, walk_items
from .errors import UnknownQuestionnaire
from .loinc_forms import build_loinc_form, has_loinc_form, link_aliases, loinc_form_panel, loinc_form_url
from .questionnaire import DEFAULT_BASE_URL, LOINC, build_questionnaire, questionnaire_url


class QuestionnaireRegistry:
    """Resolves a QuestionnaireResponse.questionnaire canonical (``url`` or ``url|version``) or a
    ``Questionnaire/{id}`` reference to a binding. Our own questionnaires are built on first use."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, language: str = "fi") -> None:
        self.base_url = base_url.rstrip("/")
        self.language = language
        self._external: dict[str, QuestionnaireBinding] = {}
        self._ours: dict[str, QuestionnaireBinding] = {}
        self._loinc_forms: dict[str, QuestionnaireBinding] = {}

    # -- our own ---------------------------------------------------------------------------
    def own(self, instrument_id: str) -> QuestionnaireBinding:
        if instrument_id not in self._ours:
            q = build_questionnaire(instrument_id, base_url=self.base_url, language=self.language)
            self._ours[instrument_id] = bind_questionnaire(q, instrument_id, external=False)
        return self._ours[instrument_id]

    def own_questionnaires(self) -> list[dict[str, Any]]:
        return [dict(self.own(i).questionnaire) for i in instrument_ids()]

    # -- LOINC forms ------------------------------------------------------------------------
    def loinc_form(self, panel: str) -> QuestionnaireBinding:
        """The LOINC form ``http://loinc.org/q/<panel>`` of the instrument with that panel code
        (:mod:`.loinc_forms`); UnknownQuestionnaire when no instrument has one."""
        if panel not in self._loinc_forms:
            instrument = next((i for i in list_instruments() if i.loinc_panel == panel and has_loinc_form(i)), None)
            if instrument is None:
                raise UnknownQuestionnaire(loinc_form_url(panel))
            binding = bind_questionnaire(build_loinc_form(instrument, self.base_url), instrument.id)
            self._loinc_forms[panel] = dataclasses.replace(binding, link_aliases=link_aliases(instrument))
        return self._loinc_forms[panel]

    # -- external --------------------------------------------------------------------------
    def register(
        self,
        questionnaire: Mapping[str, Any],
        instrument_id: str | None = None,
        *,
        link_map: Mapping[str, str] | None = None,
        url: str | None = None,
    ) -> QuestionnaireBinding:
        """Import an external questionnaire so that responses to it can be scored."""
        binding = bind_questionnaire(questionnaire, instrument_id, link_map=link_map, url=url)
        for alias in binding.aliases:
            self._external[alias] = binding
        return binding

    def external(self) -> list[QuestionnaireBinding]:
        return list({id(b): b for b in self._external.values()}.values())

    # -- lookup ----------------------------------------------------------------------------
    def resolve(self, reference: str | None) -> QuestionnaireBinding:
        if not reference:
            raise UnknownQuestionnaire(None)
        canonical = reference.split("|", 1)[0]
        if canonical in self._external:
            return self._external[canonical]
        for instrument_id in instrument_ids():
            if canonical in (
                questionnaire_url(instrument_id, self.base_url),
                f"Questionnaire/{instrument_id}",
            ):
                return self.own(instrument_id)
        panel = loinc_form_panel(canonical)
        if panel is not None:
            return self.loinc_form(panel)
        raise UnknownQuestionnaire(reference)

    def search(self, *, url: str | None = None, code: str | None = None) -> list[dict[str, Any]]:
        """FHIR Questionnaire search by ``url`` and/or ``code`` (``code`` or ``system|code``), over our
        questionnaires and registered ones; ``code`` matches Questionnaire.code or any item.code."""
        found = []
        for binding in [self.own(i) for i in instrument_ids()] + self.external():
            q = binding.questionnaire
            if url and url.split("|", 1)[0] not in binding.aliases and q.get("url") != url.split("|", 1)[0]:
                continue
            if code and not _has_code(q, code):
                continue
            found.append(dict(q))
        return found


def _has_code(questionnaire: Mapping[str, Any], wanted: str) -> bool:
    system, _, code = wanted.rpartition("|")
    codings = list(questionnaire.get("code", []) or [])
    for _, node in walk_items(questionnaire.get("item")):
        codings.extend(node.get("code", []) or [])
    return any(
        c.get("code") == code
        and (not system or c.get("system", LOINC if system == LOINC else None) == system)
        for c in codings
    )
