# A measurement refers to its answer set, step 2 of 3 (data): every measurement with answers gets
# the answer set they were: a FHIR measurement is linked to the answer set its QuestionnaireResponse
# already stored; any other gets one made from its own columns (channel from its source, wording
# from its text_pack, which becomes a typed wording reference, any identity code in it removed).
# Imported totals have no answers and keep no answer set.

import json

from django.db import migrations

from porras.care.domain.identity_codes_in_text import redact_text
from porras.instruments.domain import ScoringError, UnknownInstrument, WordingError, WordingRef, score

CHANNELS = {"ui": "web", "fhir": "fhir", "api": "api"}


def _wording(measurement):
    # The API took any text here: an identity code in it is not carried into the answer set.
    text = redact_text(measurement.text_pack or "")
    if text in ("", "porras"):
        try:
            return WordingRef.own(measurement.instrument, measurement.instrument_version, "")
        except WordingError:
            return WordingRef.parse("legacy:porras")
    for candidate in (text, f"questionnaire:{text}"):
        try:
            return WordingRef.parse(candidate)
        except WordingError:
            continue
    return WordingRef.parse(f"legacy:{text[:590]}")


def _result(measurement, flags):
    try:
        return score(measurement.instrument, measurement.answers).to_dict()
    except (ScoringError, UnknownInstrument, ValueError):
        return {
            "instrument": measurement.instrument, "version": measurement.instrument_version,
            "total": measurement.total, "severity": measurement.severity or None,
            "caseness": measurement.caseness, "subscores": measurement.subscores,
            "risk_flags": [{"item": f.item, "value": f.value} for f in flags],
            "complete": measurement.complete, "warnings": measurement.warnings,
            "item_scores": [], "subscore_caseness": {}, "diagnostic_algorithm": None,
            "scored_item_scores": measurement.item_scores or [],
        }


def _episode_of(resource):
    ref = resource.get("encounter") or resource.get("context") or {}
    raw = None
    if isinstance(ref, dict) and isinstance(ref.get("reference"), str):
        raw = ref["reference"].rstrip("/").rsplit("/", 1)[-1]
    elif isinstance(ref, dict) and isinstance(ref.get("identifier"), dict):
        raw = ref["identifier"].get("value")
    return int(raw) if isinstance(raw, str) and raw.isascii() and raw.isdigit() else None


def forwards(apps, schema_editor):
    Measurement = apps.get_model("care", "Measurement")
    RiskFlag = apps.get_model("care", "RiskFlag")
    InstrumentResponse = apps.get_model("instruments", "InstrumentResponse")
    TextPack = apps.get_model("instruments", "TextPack")
    Record = apps.get_model("fhir", "QuestionnaireResponseRecord")

    fhir_sets = {}  # (episode, instrument, answers) -> answer-set ids, oldest first
    for record in Record.objects.select_related("response").order_by("created_at"):
        episode = _episode_of(record.resource) if isinstance(record.resource, dict) else None
        if episode is not None:
            key = (episode, record.response.instrument, json.dumps(record.response.answers))
            fhir_sets.setdefault(key, []).append(record.response_id)

    for m in Measurement.objects.filter(answers__isnull=False, response__isnull=True).order_by("pk").iterator():
        if m.source == "fhir":
            waiting = fhir_sets.get((m.episode_id, m.instrument, json.dumps(m.answers)))
            if waiting:
                m.response_id = waiting.pop(0)
                m.save(update_fields=["response"])
                continue
        flags = list(RiskFlag.objects.filter(measurement_id=m.pk))
        wording = _wording(m)
        pack = TextPack.objects.filter(pk=wording.pack_id).first() if wording.pack_id else None
        response = InstrumentResponse.objects.create(
            instrument=m.instrument, instrument_version=m.instrument_version, channel=CHANNELS.get(m.source, "api"),
            answers=m.answers, total=m.total, severity=m.severity, caseness=m.caseness, has_risk=bool(flags),
            result=_result(m, flags), language=pack.language if pack else "", wording=str(wording), text_pack=pack,
        )
        InstrumentResponse.objects.filter(pk=response.pk).update(created_at=m.created_at)
        m.response_id = response.pk
        m.save(update_fields=["response"])


def backwards(apps, schema_editor):
    Measurement = apps.get_model("care", "Measurement")
    for m in Measurement.objects.filter(response__isnull=False).select_related("response").iterator():
        m.answers = m.response.answers
        m.text_pack = m.response.wording[:200]
        m.response = None
        m.save(update_fields=["answers", "text_pack", "response"])


class Migration(migrations.Migration):

    dependencies = [
        ("care", "0002_measurement_response"),
        ("fhir", "0002_idempotency_key"),
        ("instruments", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
